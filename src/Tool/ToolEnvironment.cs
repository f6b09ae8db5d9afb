namespace MilvusDm.Tool;

/// <summary>What the tool takes from its surroundings, replaceable in tests.</summary>
internal sealed record ToolEnvironment
{
    /// <summary>Reads environment variables (plugin path, secrets).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Whether standard error is an interactive terminal (live progress) rather than redirected.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>How often plain progress lines are printed when output is redirected.</summary>
    public TimeSpan PlainProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where run ledgers live (<c>null</c> = <c>~/.milvusdm/state</c>); tests use a private folder.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Cancelled on Ctrl+C or SIGTERM.</summary>
    public CancellationToken Shutdown { get; init; }
}
