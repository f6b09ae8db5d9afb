using System.CommandLine;
using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Commands;

/// <summary><c>milvusdm validate FILE</c>: parse, bind, resolve plugins, print the plan; write nothing.</summary>
internal static class ValidateCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        Argument<FileInfo> fileArgument = JobArguments.File();
        Option<string[]> setOption = JobArguments.Set();
        Command command = new("validate", "Check a job file and print its plan; writes nothing.") { fileArgument, setOption };
        command.SetAction((parseResult, token) => CommandContext.RunAsync(parseResult, environment, token, async context =>
        {
            string file = parseResult.GetRequiredValue(fileArgument).FullName;
            // A dry run only returns after everything was parsed, bound and planned; any problem has thrown.
            await RunCommand.RunJobAsync(context, file, JobArguments.Overrides(parseResult, setOption), dryRun: true, report: null).ConfigureAwait(false);
            context.Console.Result("valid");
            return ExitCodes.Success;
        }));
        return command;
    }
}
