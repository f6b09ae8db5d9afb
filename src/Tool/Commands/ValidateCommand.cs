using System.CommandLine;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Jobs;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Pipeline;

namespace MilvusDm.Tool.Commands;

/// <summary><c>milvusdm validate FILE</c>: parse, bind, resolve plugins, print the plan; write nothing.</summary>
internal static class ValidateCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        Argument<FileInfo> fileArgument = new("file") { Description = "The job file." };
        Option<string[]> setOption = new("--set")
        {
            Description = "Override a value, as for run.",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
        };
        Command command = new("validate", "Check a job file and print its plan; writes nothing.") { fileArgument, setOption };
        command.SetAction((parseResult, token) => CommandContext.RunAsync(parseResult, environment, token, async context =>
        {
            string file = parseResult.GetRequiredValue(fileArgument).FullName;
            JobDefinition job = JobLoader.Load(context, file, (parseResult.GetValue(setOption) ?? []).Select(SetOverride.Parse).ToList());
            await using JobSession session = await JobSession.OpenAsync(job, context.Catalog, context.Console, context.CancellationToken).ConfigureAwait(false);
            PlanWriter.Write(context.Console, session);
            context.Console.Result("valid");
            return ExitCodes.Success;
        }));
        return command;
    }
}
