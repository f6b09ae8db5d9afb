namespace MilvusDm.Abstractions;

/// <summary>What the host gives a plugin when it creates a source or sink.</summary>
/// <param name="Log">Diagnostics.</param>
public sealed record PluginContext(IPluginLog Log)
{
    /// <summary>
    /// Reads an environment variable (secrets such as <c>MILVUS_TOKEN</c> come from here). Tests replace it.
    /// </summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Folder relative paths in the job file are resolved against (the job file's folder).</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Registers a secret so the host masks it in every output.</summary>
    public Action<string> RegisterSecret { get; init; } = static _ => { };

    /// <summary>Resolves <paramref name="path"/> against <see cref="BaseDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);
}
