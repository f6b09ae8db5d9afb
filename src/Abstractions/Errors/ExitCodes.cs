namespace MilvusDm.Abstractions;

/// <summary>The process exit codes fixed by the command-line contract.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Unexpected internal error (a bug).</summary>
    public const int InternalError = 1;

    /// <summary>Usage or job-file error.</summary>
    public const int UsageError = 2;

    /// <summary>Source data error: unreadable, corrupt or unsupported input.</summary>
    public const int SourceDataError = 3;

    /// <summary>Server error, or a destination that contradicts the source.</summary>
    public const int ServerError = 4;

    /// <summary>Verification failed.</summary>
    public const int VerificationFailed = 5;

    /// <summary>Cancelled (Ctrl+C, SIGTERM).</summary>
    public const int Cancelled = 130;
}
