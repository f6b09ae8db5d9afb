namespace MilvusDm.Tool.Progress;

/// <summary>Progress of one dataset.</summary>
internal interface IDatasetProgress
{
    /// <summary>Adds rows and bytes the sink accepted.</summary>
    void Advance(long rows, long bytes);

    /// <summary>Marks the dataset done with a short status (e.g. <c>done</c>, <c>skipped</c>).</summary>
    void Complete(string status);
}
