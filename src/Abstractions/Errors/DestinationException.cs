namespace MilvusDm.Abstractions;

/// <summary>
/// A server or destination error (exit 4): connection, authentication, a refusal, or an existing destination that
/// contradicts the source. Never put secrets in the message.
/// </summary>
public sealed class DestinationException : MilvusDmException
{
    /// <summary>Creates the exception.</summary>
    public DestinationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override int ExitCode => ExitCodes.ServerError;
}
