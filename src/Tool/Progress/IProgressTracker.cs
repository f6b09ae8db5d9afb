namespace MilvusDm.Tool.Progress;

/// <summary>Receives pipeline progress for display.</summary>
internal interface IProgressTracker
{
    /// <summary>Starts a dataset; totals are <c>null</c> when the source cannot tell.</summary>
    IDatasetProgress StartDataset(string name, long? totalRows, long? totalBytes);
}
