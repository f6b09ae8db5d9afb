using System.Globalization;
using Google.Protobuf;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Milvus.TestServer;

/// <summary>
/// The Milvus semantics of the test server (protocol reference 8.2): collections, partitions, aliases, rows,
/// indexes and load states in memory, guarded by one lock. Transport concerns live in <see cref="MilvusTestServer"/>.
/// </summary>
public sealed partial class InMemoryMilvus
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DatabaseState> _databases = new(StringComparer.Ordinal) { ["default"] = new("default") };
    private readonly MilvusTestServerOptions _options;
    private long _nextId = 440_000_000_000_000_000;

    public InMemoryMilvus(MilvusTestServerOptions options)
    {
        _options = options;
        Routes = BuildRoutes();
    }

    public HybridClock Clock { get; } = new();

    /// <summary>
    /// Benchmark mode (the server as a separate process): writes are checked, counted and digested, but no row is
    /// stored, so memory stays flat whatever is sent; count(*) and statistics report the counts, queries see no rows.
    /// Upserts are counted like inserts (there are no keys to replace).
    /// </summary>
    public bool CountOnly { get; set; }

    /// <summary>In count-only mode, leave out the per-row SHA-256 so only the client's cost is measured.</summary>
    public bool SkipDigest { get; set; }

    public IReadOnlyDictionary<string, Route> Routes { get; }

    /// <summary>Calls per RPC name, for tests that check what a client did.</summary>
    public Dictionary<string, int> CallCounts { get; } = new(StringComparer.Ordinal);

    public void CountCall(string method)
    {
        lock (_gate)
        {
            CallCounts[method] = CallCounts.GetValueOrDefault(method) + 1;
        }
    }

    /// <summary>Reads state under the lock (tests: counts, duplicates, stored rows).</summary>
    public T Inspect<T>(Func<IReadOnlyDictionary<string, DatabaseState>, T> read)
    {
        lock (_gate)
        {
            return read(_databases);
        }
    }

    public StoredCollection? FindCollection(string name, string db = "default") =>
        Inspect(dbs => dbs.TryGetValue(db, out var d) && d.Collections.TryGetValue(name, out var c) ? c : null);

    private Dictionary<string, Route> BuildRoutes()
    {
        static Route R<TReq>(MessageParser<TReq> parser, Func<TReq, string, IMessage> handle, Func<Status, IMessage> fail, bool write = false)
            where TReq : IMessage<TReq> =>
            new((bytes, db) => handle(parser.ParseFrom(bytes), db), fail, write);

        return new Dictionary<string, Route>(StringComparer.Ordinal)
        {
            ["Connect"] = R(ConnectRequest.Parser, (_, _) => new ConnectResponse
            {
                Status = new Status(),
                Identifier = 4242,
                ServerInfo = new ServerInfo { BuildTags = _options.Version, DeployMode = "STANDALONE" },
            }, s => new ConnectResponse { Status = s }),
            ["GetVersion"] = R(GetVersionRequest.Parser, (_, _) => new GetVersionResponse { Status = new Status(), Version = _options.Version },
                s => new GetVersionResponse { Status = s }),
            ["AllocTimestamp"] = R(AllocTimestampRequest.Parser, (_, _) => new AllocTimestampResponse { Status = new Status(), Timestamp = Clock.Next() },
                s => new AllocTimestampResponse { Status = s }),
            ["CreateCollection"] = R(CreateCollectionRequest.Parser, CreateCollection, s => s),
            ["DropCollection"] = R(DropCollectionRequest.Parser, DropCollection, s => s),
            ["HasCollection"] = R(HasCollectionRequest.Parser, HasCollection, s => new BoolResponse { Status = s }),
            ["DescribeCollection"] = R(DescribeCollectionRequest.Parser, DescribeCollection, s => new DescribeCollectionResponse { Status = s }),
            ["ShowCollections"] = R(ShowCollectionsRequest.Parser, ShowCollections, s => new ShowCollectionsResponse { Status = s }),
            ["GetCollectionStatistics"] = R(GetCollectionStatisticsRequest.Parser, GetCollectionStatistics, s => new GetCollectionStatisticsResponse { Status = s }),
            ["CreatePartition"] = R(CreatePartitionRequest.Parser, CreatePartition, s => s),
            ["DropPartition"] = R(DropPartitionRequest.Parser, DropPartition, s => s),
            ["HasPartition"] = R(HasPartitionRequest.Parser, HasPartition, s => new BoolResponse { Status = s }),
            ["ShowPartitions"] = R(ShowPartitionsRequest.Parser, ShowPartitions, s => new ShowPartitionsResponse { Status = s }),
            ["CreateIndex"] = R(CreateIndexRequest.Parser, CreateIndex, s => s),
            ["DescribeIndex"] = R(DescribeIndexRequest.Parser, DescribeIndex, s => new DescribeIndexResponse { Status = s }),
            ["LoadCollection"] = R(LoadCollectionRequest.Parser, LoadCollection, s => s),
            ["ReleaseCollection"] = R(ReleaseCollectionRequest.Parser, ReleaseCollection, s => s),
            ["GetLoadState"] = R(GetLoadStateRequest.Parser, GetLoadState, s => new GetLoadStateResponse { Status = s }),
            ["Insert"] = R(InsertRequest.Parser, Insert, s => new MutationResult { Status = s }, write: true),
            ["Upsert"] = R(UpsertRequest.Parser, Upsert, s => new MutationResult { Status = s }, write: true),
            ["Query"] = R(QueryRequest.Parser, Query, s => new QueryResults { Status = s }),
            ["Flush"] = R(FlushRequest.Parser, Flush, s => new FlushResponse { Status = s }),
            ["GetFlushState"] = R(GetFlushStateRequest.Parser, (_, _) => new GetFlushStateResponse { Status = new Status(), Flushed = true },
                s => new GetFlushStateResponse { Status = s }),
            ["CreateAlias"] = R(CreateAliasRequest.Parser, CreateAlias, s => s),
            ["AlterAlias"] = R(AlterAliasRequest.Parser, AlterAlias, s => s),
            ["DropAlias"] = R(DropAliasRequest.Parser, DropAlias, s => s),
            ["RenameCollection"] = R(RenameCollectionRequest.Parser, RenameCollection, s => s),
        };
    }

    private static string Db(string requestDb, string headerDb) => string.IsNullOrEmpty(requestDb) ? headerDb : requestDb;

    private DatabaseState Database(string db) =>
        _databases.TryGetValue(db, out var state)
            ? state
            : throw new MilvusError(800, ErrorCode.UnexpectedError, $"database not found[database={db}]");

    /// <summary>Resolves a collection name or alias; a missing one is code 100 like the proxy.</summary>
    private StoredCollection Collection(string db, string nameOrAlias)
    {
        var database = Database(db);
        string name = database.Aliases.GetValueOrDefault(nameOrAlias, nameOrAlias);
        return database.Collections.TryGetValue(name, out var c) ? c : throw MilvusError.CollectionNotFound(db, nameOrAlias);
    }

    private long NewId() => Interlocked.Add(ref _nextId, 10);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
