using System.CommandLine;
using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Commands;

/// <summary>Parses and runs a command line; parse errors are usage errors (exit 2), as the contract fixes.</summary>
internal static class CommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, ToolEnvironment environment)
    {
        RootCommand root = RootCommandFactory.Create(environment);
        ParseResult parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync("error: " + parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("see 'milvusdm --help'").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // Signals are handled by the caller (Program), so System.CommandLine must not install its own handler.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
