using System.CommandLine;
using MilvusDm.Tool.Jobs;

namespace MilvusDm.Tool.Commands;

/// <summary>The job-file argument and <c>--set</c> option shared by the commands that read a job.</summary>
internal static class JobArguments
{
    public static Argument<FileInfo> File() => new("file") { Description = "The job file." };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a value: a dotted path in the job file's own structure, e.g. sink.uri=http://h:19531 or F2M.dest_port=19531.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static IReadOnlyList<SetOverride> Overrides(ParseResult parseResult, Option<string[]> option) =>
        (parseResult.GetValue(option) ?? []).Select(SetOverride.Parse).ToList();
}
