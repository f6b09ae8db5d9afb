using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>Everything needed to stream one index's rows: where they are, their shape and their metric.</summary>
internal sealed class RowPlan
{
    public required FaissIndex Root { get; init; }

    /// <summary>The files rows are read from: the index first, then an <c>.ivfdata</c> file if any.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public required IReadOnlyList<RowSegment> Segments { get; init; }

    /// <summary>Id maps to apply, innermost first, to ids read from the segments.</summary>
    public required IReadOnlyList<IdMapTable> IdMaps { get; init; }

    public required VectorType VectorType { get; init; }

    public required int Dim { get; init; }

    /// <summary>Bytes of one row in a batch (float32 or packed bits).</summary>
    public required int RowBytes { get; init; }

    /// <summary>Decodes stored codes into rows; <c>null</c> when the file stores the vectors themselves.</summary>
    public SqDecoder? Decoder { get; init; }

    /// <summary>Whether the rows are decoded from lossy codes (only with allow_lossy).</summary>
    public bool Lossy => Decoder is not null;

    public required bool HasIds { get; init; }

    /// <summary>The metric as the dataset schema names it.</summary>
    public required string? Metric { get; init; }

    public long Rows => Segments.Sum(s => s.Rows);

    /// <summary>For <c>ilod</c> lists: the absolute path stored in the index and the one used.</summary>
    public (string Stored, string Used)? OnDiskData { get; init; }
}
