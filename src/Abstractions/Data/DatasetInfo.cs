namespace MilvusDm.Abstractions;

/// <summary>One dataset a source can stream: a file, or a collection/partition.</summary>
/// <param name="Name">Unique name within the source (file name, or <c>collection/partition</c>).</param>
/// <param name="Schema">What the rows hold.</param>
/// <param name="Rows">Number of rows, or <c>null</c> when the source cannot tell without reading.</param>
public sealed record DatasetInfo(string Name, DatasetSchema Schema, long? Rows)
{
    /// <summary>Source collection, or <c>null</c> for file sources.</summary>
    public string? Collection { get; init; }

    /// <summary>Source partition (<c>_default</c> for a default partition), or <c>null</c> for file sources.</summary>
    public string? Partition { get; init; }

    /// <summary>
    /// The name a destination uses when the job does not set one: the collection, or the file's stem.
    /// </summary>
    public string? SuggestedCollection { get; init; }

    /// <summary>Where the data lives (a path or URI), for messages.</summary>
    public string? Location { get; init; }

    /// <summary>Free-form facts worth showing in a plan (e.g. index type, segment count).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Bytes of vector payload, when <see cref="Rows"/> is known.</summary>
    public long? VectorBytes => Rows * Schema.Vector.BytesPerRow;
}
