using MilvusDm.Milvus.TestServer;
using MilvusDm.Plugins.Milvus.Tests.Support;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// nan_policy end to end: an h5py file whose rows 7, 21 and 22 hold NaN, +inf and -inf, through the built tool into
/// the test server. Milvus rejects such vectors, so they must never be sent: error stops with exit 3 naming the
/// dataset and the row; skip drops and counts them, and the destination then holds exactly the other rows.
/// </summary>
public sealed class NanPolicyTests
{
    private const string Fixture = "nan_rows.h5";

    [Fact]
    public async Task Error_exits_3_naming_the_dataset_and_the_first_bad_row_and_sends_nothing()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var cli = new CliRun();
        var (result, report) = await cli.RunJobAsync(Job(server, "nan_policy: error\n"));

        Assert.Equal(3, result.ExitCode);
        string error = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("nan_rows.h5: row 7 holds NaN or infinity", error, StringComparison.Ordinal);
        Assert.Contains("nan_policy: skip", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal("failed", report?.GetProperty("status").GetString());
        Assert.False(server.Milvus.CallCounts.ContainsKey("Insert"));
    }

    [Fact]
    public async Task Skip_drops_and_counts_the_rows_and_the_destination_holds_exactly_the_others()
    {
        await using var server = await MilvusTestServer.StartAsync();
        using var cli = new CliRun();
        var report = await cli.SucceedAsync(Job(server, "nan_policy: skip\nverify: digest\n"));

        var dataset = report.GetProperty("datasets").EnumerateArray().Single();
        Assert.Equal(40, dataset.GetProperty("rows_read").GetInt64());
        Assert.Equal(3, dataset.GetProperty("rows_dropped_nan").GetInt64());
        Assert.Equal(37, dataset.GetProperty("rows_written").GetInt64());
        Assert.Equal("passed", dataset.GetProperty("verification").GetString());

        var stored = server.Milvus.FindCollection("nan")!;
        Assert.Equal(37, stored.RowCount);
        var log = new TestLog();
        await using var source = Jobs.Source(server, "collections: [nan]\nper_partition: false\n", log);
        var digest = await Jobs.DigestAsync(source, (await source.ListDatasetsAsync(CancellationToken.None)).Single());
        Assert.Equal(MilvusFixtures.Text(Fixture, "kept_digest"), digest.Digest.ToString());
        Assert.Equal(MilvusFixtures.Text(Fixture, "kept_vectors_digest"), digest.VectorsDigest.ToString());
    }

    private static string Job(MilvusTestServer server, string settings) =>
        $"source: {{plugin: hdf5, paths: ['{MilvusFixtures.Path(Fixture)}']}}\n"
        + $"sink: {{plugin: milvus, uri: '{server.Uri}', collection: nan}}\n"
        + settings;
}
