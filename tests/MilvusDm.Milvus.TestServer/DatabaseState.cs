namespace MilvusDm.Milvus.TestServer;

/// <summary>The collections and aliases of one database.</summary>
public sealed class DatabaseState
{
    public DatabaseState(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public Dictionary<string, StoredCollection> Collections { get; } = new(StringComparer.Ordinal);

    /// <summary>Alias to collection name.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);
}
