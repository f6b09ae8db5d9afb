using System.CommandLine;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Plugins;
using MilvusDm.Tool.Progress;
using Spectre.Console;

namespace MilvusDm.Tool.Commands;

/// <summary>Per-invocation services: console, plugins, cancellation, and the error-to-exit-code boundary.</summary>
internal sealed class CommandContext
{
    private readonly ToolEnvironment _environment;
    private PluginCatalog? _catalog;

    private CommandContext(ToolConsole console, ToolEnvironment environment, CancellationToken cancellationToken)
    {
        Console = console;
        _environment = environment;
        CancellationToken = cancellationToken;
    }

    public ToolConsole Console { get; }

    public CancellationToken CancellationToken { get; }

    public PluginCatalog Catalog => _catalog ??= LoadCatalog();

    /// <summary>Where run ledgers live unless <c>--state-dir</c> says otherwise.</summary>
    public string? StateDirectory => _environment.StateDirectory;

    public PluginContext PluginContext => new(Console)
    {
        GetEnvironmentVariable = _environment.GetEnvironmentVariable,
        RegisterSecret = Console.Masker.Register,
    };

    /// <summary>Runs a command body, mapping every failure to one line and the contract's exit code.</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, ToolEnvironment environment, CancellationToken token, Func<CommandContext, Task<int>> body)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, environment.Shutdown);
        var console = new ToolConsole(
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(RootCommandFactory.VerboseOption),
            new SecretMasker())
        {
            ErrorIsTerminal = environment.ErrorIsTerminal,
        };
        foreach (string name in (string[])["MILVUS_TOKEN", "MILVUS_PASSWORD", "MYSQL_PASSWORD"])
        {
            console.Masker.Register(environment.GetEnvironmentVariable(name));
        }

        var context = new CommandContext(console, environment, linked.Token);
        try
        {
            return await body(context).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            return ErrorHandler.Handle(error, console, linked.Token);
        }
    }

    public IProgressDisplay CreateProgressDisplay() =>
        Console.ErrorIsTerminal
            ? new SpectreProgressDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }))
            : new PlainProgressDisplay(Console, _environment.PlainProgressInterval);

    private PluginCatalog LoadCatalog()
    {
        PluginCatalog catalog = PluginCatalog.Load(PluginSearchPath.Resolve(_environment.GetEnvironmentVariable));
        foreach (LoadedPlugin failed in catalog.Plugins.Where(p => p.Error is not null))
        {
            Console.Warn($"plugin '{failed.Name}' at {failed.Path} was not loaded: {failed.Error}");
        }

        return catalog;
    }
}
