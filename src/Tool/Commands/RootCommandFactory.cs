using System.CommandLine;

namespace MilvusDm.Tool.Commands;

/// <summary>Composes the command line of the contract: <c>--yaml</c>, run, validate, inspect, list-plugins, --version.</summary>
internal static class RootCommandFactory
{
    public static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Write diagnostic output, including stack traces of errors.",
        Recursive = true,
    };

    public static RootCommand Create(ToolEnvironment environment)
    {
        Option<FileInfo> yamlOption = new("--yaml")
        {
            Description = "Run the job in FILE (original MilvusDM job files are accepted unchanged).",
        };

        RootCommand root = new("milvusdm: move vector data into, out of and between Milvus deployments.")
        {
            yamlOption,
            VerboseOption,
            RunCommand.Create(environment),
            ValidateCommand.Create(environment),
            InspectCommand.Create(environment),
            ListPluginsCommand.Create(environment),
            VerifyCommand.Create(environment),
        };

        root.SetAction((parseResult, token) => CommandContext.RunAsync(parseResult, environment, token, async context =>
        {
            FileInfo? job = parseResult.GetValue(yamlOption);
            if (job is null)
            {
                context.Console.Fail("nothing to do: give --yaml FILE, or a command (run, validate, inspect, list-plugins); see --help");
                return 2;
            }

            return await RunCommand.RunJobAsync(context, job.FullName, [], dryRun: false, report: null).ConfigureAwait(false);
        }));
        return root;
    }
}
