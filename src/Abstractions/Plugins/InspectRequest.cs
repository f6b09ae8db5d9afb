namespace MilvusDm.Abstractions;

/// <summary>The arguments of <c>milvusdm inspect</c>.</summary>
/// <param name="Target">A path or URI as the user typed it.</param>
public sealed record InspectRequest(string Target)
{
    /// <summary><c>--collection</c> values (empty = all).</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    /// <summary><c>--db-name</c>.</summary>
    public string? DbName { get; init; }

    /// <summary><c>--mysql mysql://user@host:port/database</c>.</summary>
    public string? MySql { get; init; }

    /// <summary><c>--vectors-dataset</c>.</summary>
    public string? VectorsDataset { get; init; }

    /// <summary>Any further <c>--option value</c> pairs, for third-party plugins.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
