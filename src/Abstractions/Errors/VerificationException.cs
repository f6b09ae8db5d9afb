namespace MilvusDm.Abstractions;

/// <summary>The destination does not hold what the source held (exit 5).</summary>
public sealed class VerificationException : MilvusDmException
{
    /// <summary>Creates the exception.</summary>
    public VerificationException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public override int ExitCode => ExitCodes.VerificationFailed;
}
