using System.Globalization;
using System.Text;
using Google.Protobuf;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using KeyValuePair = MilvusDm.Plugins.Milvus.Protos.Common.KeyValuePair;
using ScalarField = MilvusDm.Plugins.Milvus.Protos.Schema.ScalarField;
using static MilvusDm.Plugins.Milvus.Tests.TestCollections;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// Milvus to Milvus copies through the source and the sink (issue 5, Precisions): the destination reproduces the
/// source collection's schema verbatim (field names, VarChar or int64 key, dynamic field, partition key, nullable and
/// default values, scalar fields, consistency level), an autoID source arrives with its keys as explicit values, and
/// every row (key, vector, scalars, dynamic fields) and the digest are equal at both ends.
/// </summary>
public sealed class SchemaCopyTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Varchar_keys_are_copied_in_utf8_order_with_the_same_digest()
    {
        var log = new TestLog();
        await using var from = await MilvusTestServer.StartAsync();
        await using var to = await MilvusTestServer.StartAsync();
        // Keys across the UTF-16/UTF-8 order difference (U+E000..U+FFFF against supplementary characters), a key with
        // quotes and " and " (it travels in the cursor expression), and the empty key.
        string[] keys = ["", "a", "a and b", "say \"hi\"", "z", "é", "\uE000", "\uFFFD", "😀", "𝄞 clef", .. Enumerable.Range(0, 30).Select(i => $"doc-{i:D3}")];
        using (var client = TestServerFixture.Client(from))
        {
            var schema = new CollectionSchema { Name = "docs", Fields = { VarCharKey("doc_id", 64), Vector("vec", 4) } };
            await client.CreateCollectionAsync(Create("docs", schema), Ct);
            var rows = new InsertRequest { CollectionName = "docs", NumRows = (uint)keys.Length };
            rows.FieldsData.Add(new FieldData { FieldName = "doc_id", Type = DataType.VarChar, Scalars = new ScalarField { StringData = new StringArray { Data = { keys } } } });
            rows.FieldsData.Add(FloatVectors("vec", 4, keys.Length));
            await client.InsertAsync(rows, Ct);
            await client.CreateIndexAsync(new CreateIndexRequest { CollectionName = "docs", FieldName = "vec" }, Ct);
        }

        var result = await CopyAsync(from, to, "docs", log);
        Assert.Equal(keys.Length, result.RowsWritten);

        var described = await DescribeAsync(to, "docs");
        var pk = described.Schema.Fields.Single(f => f.IsPrimaryKey);
        Assert.Equal(("doc_id", DataType.VarChar, "64", false), (pk.Name, pk.DataType, pk.TypeParams.Single(p => p.Key == "max_length").Value, pk.AutoID));
        var (sourceRows, sourceDigest) = await ReadAllAsync(from, "docs", log);
        var (copiedRows, copiedDigest) = await ReadAllAsync(to, "docs", log);
        Assert.Equal(keys.Length, copiedDigest.Rows);
        Assert.Equal(sourceDigest, copiedDigest);
        Assert.Equal(sourceRows, copiedRows);
        // The iterator handed keys out in UTF-8 byte order, which is what Milvus compares.
        var utf8Order = keys.OrderBy(k => Encoding.UTF8.GetBytes(k), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();
        Assert.Equal(utf8Order, copiedRows.Select(r => r.Key));
    }

    [Fact]
    public async Task The_source_schema_is_reproduced_verbatim_and_autoid_keys_arrive_as_explicit_values()
    {
        var log = new TestLog();
        await using var from = await MilvusTestServer.StartAsync();
        await using var to = await MilvusTestServer.StartAsync();
        const int Rows = 50;
        using (var client = TestServerFixture.Client(from))
        {
            var create = RichCollection("rich");
            await client.CreateCollectionAsync(create, Ct);
            await client.InsertAsync(RichRows("rich", Rows), Ct);
            await client.CreateIndexAsync(new CreateIndexRequest { CollectionName = "rich", FieldName = "emb", ExtraParams = { Param("metric_type", "IP") } }, Ct);
        }

        var result = await CopyAsync(from, to, "rich", log);
        Assert.Equal(Rows, result.RowsWritten);
        Assert.Empty(log.Warnings);

        var source = await DescribeAsync(from, "rich");
        var copy = await DescribeAsync(to, "rich");
        Assert.True(source.Schema.Fields.Single(f => f.IsPrimaryKey).AutoID);
        Assert.False(copy.Schema.Fields.Single(f => f.IsPrimaryKey).AutoID);
        var expected = source.Schema.Clone();
        expected.Fields.Single(f => f.IsPrimaryKey).AutoID = false;
        Assert.Equal(expected, copy.Schema); // names, types, params, nullable, defaults, partition key, dynamic field, descriptions
        Assert.Equal(8, copy.NumPartitions);
        Assert.Equal(ConsistencyLevel.Strong, copy.ConsistencyLevel);
        Assert.Equal("IP", Assert.Single((await IndexAsync(to, "rich")).Params, p => p.Key == "metric_type").Value);

        var (sourceRows, sourceDigest) = await ReadAllAsync(from, "rich", log);
        var (copiedRows, copiedDigest) = await ReadAllAsync(to, "rich", log);
        Assert.Equal(Rows, sourceRows.Count);
        Assert.Equal(sourceDigest, copiedDigest);
        Assert.Equal(sourceRows, copiedRows); // keys, vectors, every scalar (nulls and defaults) and the dynamic fields
        Assert.Contains(copiedRows, r => r.Scalars.Contains("title=null") && r.Scalars.Contains("year=2000") && r.Scalars.Contains("small=-7"));
        Assert.Contains(copiedRows, r => r.Scalars.Contains("$meta={\"color\":\"red\",\"n\":3}"));
        // Rows were spread over the partition key's partitions, and the copy re-spread them by the same key.
        Assert.Equal(8, to.Milvus.FindCollection("rich")!.Partitions.Count);
    }

    [Fact]
    public async Task Copying_into_an_existing_collection_without_the_dynamic_field_is_refused_before_any_row()
    {
        var log = new TestLog();
        await using var from = await MilvusTestServer.StartAsync();
        await using var to = await MilvusTestServer.StartAsync();
        using (var client = TestServerFixture.Client(from))
        {
            await client.CreateCollectionAsync(TestSchemas.Create("dyn", 4, dynamic: true), Ct);
            await client.CreateIndexAsync(new CreateIndexRequest { CollectionName = "dyn", FieldName = "embedding" }, Ct);
        }

        using (var client = TestServerFixture.Client(to))
        {
            await client.CreateCollectionAsync(TestSchemas.Create("dyn", 4), Ct);
        }

        var ex = await Assert.ThrowsAsync<DestinationException>(() => CopyAsync(from, to, "dyn", log));
        Assert.Contains("no dynamic field", ex.Message, StringComparison.Ordinal);
        Assert.False(to.Milvus.CallCounts.ContainsKey("Insert"));
    }

    private static Task<(List<CopiedRow> Rows, DigestPair Digest)> ReadAllAsync(MilvusTestServer server, string collection, TestLog log) =>
        CopiedRow.ReadAllAsync(server.Uri.ToString(), collection, log);

    private static async Task<SinkDatasetResult> CopyAsync(MilvusTestServer from, MilvusTestServer to, string collection, TestLog log)
    {
        await using var source = Jobs.Source(from, $"collections: [{collection}]\nper_partition: false\n", log);
        await using var sink = Jobs.Sink(to, "", log);
        return await Jobs.CopyAsync(source, sink);
    }

    private static async Task<DescribeCollectionResponse> DescribeAsync(MilvusTestServer server, string collection)
    {
        using var client = TestServerFixture.Client(server);
        var described = await client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = collection }, Ct);
        foreach (var field in described.Schema.Fields)
        {
            field.FieldID = 0; // server-assigned, may differ between the two servers
        }

        return described;
    }

    private static async Task<IndexDescription> IndexAsync(MilvusTestServer server, string collection)
    {
        using var client = TestServerFixture.Client(server);
        return (await client.DescribeIndexAsync(new DescribeIndexRequest { CollectionName = collection }, Ct)).IndexDescriptions.Single();
    }

}
