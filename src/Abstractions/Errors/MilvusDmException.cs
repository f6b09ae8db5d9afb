namespace MilvusDm.Abstractions;

/// <summary>
/// An error the user can act on. The host prints <see cref="Exception.Message"/> as one line and exits with
/// <see cref="ExitCode"/>; no stack trace unless <c>--verbose</c>.
/// </summary>
public abstract class MilvusDmException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected MilvusDmException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The process exit code this error maps to (see the CLI contract).</summary>
    public abstract int ExitCode { get; }
}
