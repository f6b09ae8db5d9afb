namespace MilvusDm.Abstractions;

/// <summary>Rows of a dataset by ordinal: <see cref="Start"/> and the <see cref="Count"/> rows after it.</summary>
/// <param name="Start">Ordinal of the first row (<see cref="VectorBatch.Ordinal"/> of the batch it came in).</param>
/// <param name="Count">Number of rows.</param>
public readonly record struct RowRange(long Start, int Count)
{
    /// <summary>Ordinal just past the last row.</summary>
    public long End => Start + Count;
}
