using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Milvus.TestServer;

/// <summary>
/// One collection in memory. Rows are kept per primary key as a list because Milvus Insert does not de-duplicate:
/// a second insert of a pk is a duplicate (counted), while Upsert replaces.
/// </summary>
public sealed class StoredCollection
{
    public StoredCollection(long id, string name, CollectionSchema schema, ulong createdTs)
    {
        Id = id;
        Name = name;
        Schema = schema;
        CreatedTimestamp = createdTs;
        Partitions.Add("_default", id + 1);
    }

    public long Id { get; }

    /// <summary>The collection's name (RenameCollection changes it; aliases follow, they refer to the collection).</summary>
    public string Name { get; set; }

    public CollectionSchema Schema { get; }

    public ulong CreatedTimestamp { get; }

    public int ShardsNum { get; set; } = 1;

    public ConsistencyLevel ConsistencyLevel { get; set; } = ConsistencyLevel.Bounded;

    public List<Plugins.Milvus.Protos.Common.KeyValuePair> Properties { get; } = [];

    /// <summary>Partition name to id, in creation order.</summary>
    public Dictionary<string, long> Partitions { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows by primary key (long or string), in Milvus key order.</summary>
    public SortedDictionary<object, List<StoredRow>> Rows { get; } = new(PrimaryKeyComparer.Instance);

    public List<IndexDescription> Indexes { get; } = [];

    public LoadState LoadState { get; set; } = LoadState.NotLoad;

    public int LoadingPollsLeft { get; set; }

    public long NextAutoId { get; set; } = 450_000_000_000_000_000;

    public long RowCount => Rows.Values.Sum(list => (long)list.Count) + CountedRows;

    /// <summary>Rows written in count-only mode (not stored).</summary>
    public long CountedRows { get; set; }

    /// <summary>Digest-v1 of the rows written in count-only mode (keys as sent; none for autoID).</summary>
    public DigestPair CountedDigest { get; set; }

    public long DuplicateRows => Rows.Values.Sum(list => (long)list.Count - 1);

    public FieldSchema PrimaryField => Schema.Fields.First(f => f.IsPrimaryKey);

    /// <summary>Rows are spread over the partitions by a key field's hash; clients name no partition.</summary>
    public bool HasPartitionKey => Schema.Fields.Any(f => f.IsPartitionKey);

    public FieldSchema? Field(string name) => Schema.Fields.FirstOrDefault(f => f.Name == name);
}
