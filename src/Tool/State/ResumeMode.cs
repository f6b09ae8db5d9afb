namespace MilvusDm.Tool.State;

/// <summary>How a run treats the ledger of an earlier run of the same job.</summary>
internal enum ResumeMode
{
    /// <summary>Start; refuse (exit 2) if an unfinished ledger exists, rather than silently duplicate.</summary>
    Default,

    /// <summary>Continue from the ledger.</summary>
    Resume,

    /// <summary>Discard the ledger and start over.</summary>
    Restart,
}
