using System.Globalization;
using Google.Protobuf;
using MilvusDm.Plugins.Milvus.Protos.V1;
using CommonStatus = MilvusDm.Plugins.Milvus.Protos.Common.Status;

namespace MilvusDm.Milvus.TestServer.V1;

/// <summary>
/// The Milvus 0.10/1.x semantics of the test server (protocol reference 9): collections with a dimension, segment size
/// and metric; partitions by tag; inserts buffered until Flush persists them as named segments; ids user-defined or
/// server-assigned per collection; deletes applied at Flush; GetVectorIDs per segment and GetVectorsByID. One lock.
/// </summary>
public sealed partial class InMemoryMilvusV1
{
    /// <summary>The 1.x server refuses one insert above 256 MB (milvusdm-original.md 2.7).</summary>
    public const long DefaultMaxInsertBytes = 256L * 1024 * 1024;

    private readonly object _gate = new();
    private readonly Dictionary<string, V1Collection> _collections = new(StringComparer.Ordinal);
    private readonly string _version;
    private long _nextId = 1_615_279_498_000_000_000;
    private long _nextSegment = 1_615_279_498_038_473_000;

    public InMemoryMilvusV1(string version)
    {
        _version = version;
        Routes = BuildRoutes();
    }

    public IReadOnlyDictionary<string, Route> Routes { get; }

    /// <summary>Rows per persisted segment at most (a Flush of more writes several segments).</summary>
    public int SegmentRows { get; set; } = 100_000;

    /// <summary>Vector bytes one Insert may carry.</summary>
    public long MaxInsertBytes { get; set; } = DefaultMaxInsertBytes;

    /// <summary>Buffered rows each Flush drops instead of persisting (plays a server that loses acknowledged inserts).</summary>
    public int FlushLosesRows { get; set; }

    /// <summary>Calls per RPC name, for tests that check what a client did.</summary>
    public Dictionary<string, int> CallCounts { get; } = new(StringComparer.Ordinal);

    public void CountCall(string method)
    {
        lock (_gate)
        {
            CallCounts[method] = CallCounts.GetValueOrDefault(method) + 1;
        }
    }

    /// <summary>Reads state under the lock (tests: counts, segments, duplicates).</summary>
    public T Inspect<T>(Func<IReadOnlyDictionary<string, V1Collection>, T> read)
    {
        lock (_gate)
        {
            return read(_collections);
        }
    }

    public V1Collection? FindCollection(string name) => Inspect(c => c.GetValueOrDefault(name));

    private Dictionary<string, Route> BuildRoutes()
    {
        static Route R<TReq>(MessageParser<TReq> parser, Func<TReq, IMessage> handle, Func<Status, IMessage> fail, bool write = false)
            where TReq : IMessage<TReq> =>
            new((bytes, _) => handle(parser.ParseFrom(bytes)), status => fail(ToV1(status)), write);

        return new Dictionary<string, Route>(StringComparer.Ordinal)
        {
            ["Cmd"] = R(Command.Parser, Cmd, s => new StringReply { Status = s }),
            ["CreateCollection"] = R(CollectionSchema.Parser, CreateCollection, s => s),
            ["HasCollection"] = R(CollectionName.Parser, HasCollection, s => new BoolReply { Status = s }),
            ["DescribeCollection"] = R(CollectionName.Parser, DescribeCollection, s => new CollectionSchema { Status = s }),
            ["CountCollection"] = R(CollectionName.Parser, CountCollection, s => new CollectionRowCount { Status = s }),
            ["ShowCollections"] = R(Command.Parser, ShowCollections, s => new CollectionNameList { Status = s }),
            ["ShowCollectionInfo"] = R(CollectionName.Parser, ShowCollectionInfo, s => new CollectionInfo { Status = s }),
            ["DropCollection"] = R(CollectionName.Parser, DropCollection, s => s),
            ["CreatePartition"] = R(PartitionParam.Parser, CreatePartition, s => s),
            ["HasPartition"] = R(PartitionParam.Parser, HasPartition, s => new BoolReply { Status = s }),
            ["ShowPartitions"] = R(CollectionName.Parser, ShowPartitions, s => new PartitionList { Status = s }),
            ["DropPartition"] = R(PartitionParam.Parser, DropPartition, s => s),
            ["Insert"] = R(InsertParam.Parser, Insert, s => new VectorIds { Status = s }, write: true),
            ["DeleteByID"] = R(DeleteByIDParam.Parser, DeleteById, s => s, write: true),
            ["Flush"] = R(FlushParam.Parser, Flush, s => s),
            ["GetVectorIDs"] = R(GetVectorIDsParam.Parser, GetVectorIds, s => new VectorIds { Status = s }),
            ["GetVectorsByID"] = R(VectorsIdentity.Parser, GetVectorsById, s => new VectorsData { Status = s }),
        };
    }

    private static Status ToV1(CommonStatus status) => new() { ErrorCode = (ErrorCode)(int)status.ErrorCode, Reason = status.Reason };

    private static Status Ok() => new();

    private StringReply Cmd(Command command) => new()
    {
        Status = Ok(),
        StringReply_ = command.Cmd switch
        {
            "version" => _version,
            "status" => "OK",
            "mode" => "CPU",
            _ => "",
        },
    };

    private V1Collection Collection(string name) =>
        _collections.TryGetValue(name, out var collection) ? collection : throw V1Errors.CollectionNotExists(name);

    private V1Partition Partition(V1Collection collection, string tag) =>
        collection.Partition(string.IsNullOrEmpty(tag) ? V1Collection.DefaultTag : tag) ?? throw V1Errors.PartitionNotExists(collection.Name, tag);

    private string NewSegmentName() => Interlocked.Add(ref _nextSegment, 1000).ToString(CultureInfo.InvariantCulture);
}
