namespace MilvusDm.Abstractions;

/// <summary>A job-file or usage error (exit 2). The message starts with <c>file:line:column:</c> when a position is known.</summary>
public sealed class ConfigException : MilvusDmException
{
    /// <summary>Creates the exception for a position in a file.</summary>
    public ConfigException(string? file, long line, long column, string problem)
        : base(Format(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>Creates the exception with no position.</summary>
    public ConfigException(string problem)
        : this(null, 0, 0, problem)
    {
    }

    /// <summary>The job file, if known.</summary>
    public string? File { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public long Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <inheritdoc />
    public override int ExitCode => ExitCodes.UsageError;

    private static string Format(string? file, long line, long column, string problem) =>
        (file, line) switch
        {
            (null, <= 0) => problem,
            (null, _) => $"{line}:{column}: {problem}",
            (_, <= 0) => $"{file}: {problem}",
            _ => $"{file}:{line}:{column}: {problem}",
        };
}
