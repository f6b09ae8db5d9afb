using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;
using MilvusDm.Plugins.MilvusLegacy.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>The same storage folder with its meta in a real MariaDB (the 1.x MySQL schema): the same rows and digests.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MySqlReadTests(MariaDbFixture mariaDb)
{
    public static TheoryData<string> Names => Truth.Names;

    [Fact]
    public async Task EveryDataset_FromTheMySqlMeta_EqualsTheBuildersRowsAndDigests()
    {
        using var storage = new StorageCopy();
        using MySqlTestDatabase database = mariaDb.CreateLegacyMetaDatabase();
        var log = new TestLog();
        await using IVectorSource source = Legacy.Source(storage.Yaml(MySqlYaml(database, withPassword: true)), log);

        IReadOnlyList<DatasetInfo> datasets = await source.ListDatasetsAsync(CancellationToken.None);

        Assert.Equal(Truth.Datasets.Select(d => d.Name), datasets.Select(d => d.Name));
        foreach (TruthDataset truth in Truth.Datasets)
        {
            DatasetInfo info = datasets.Single(d => d.Name == truth.Name);
            ReadResult read = await Legacy.ReadAsync(source, info, maxBatchBytes: 3 * info.Schema.Vector.BytesPerRow);
            Assert.Equal(truth.Rows, info.Rows);
            Assert.Equal(truth.Metric, info.Schema.Metric);
            Assert.Equal(truth.Dim, info.Schema.Vector.Dim);
            Assert.Equal(truth.Ids, read.Ids);
            Assert.Equal(truth.Vectors, read.Vectors);
            Assert.Equal(truth.Digest, read.Digests.Digest.ToString());
            Assert.Equal(truth.VectorsDigest, read.Digests.VectorsDigest.ToString());
        }

        Assert.Single(log.Warnings, w => w.Contains("meta says 24 rows but the files hold 23", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Password_FromMysqlPasswordEnvironment_WhenTheJobHasNone()
    {
        using var storage = new StorageCopy();
        using MySqlTestDatabase database = mariaDb.CreateLegacyMetaDatabase();
        var env = new Dictionary<string, string> { ["MYSQL_PASSWORD"] = database.Endpoint.Password };
        await using IVectorSource source = Legacy.Source(storage.Yaml(MySqlYaml(database, withPassword: false) + "collections: {ip_coll: }\n"), new TestLog(), env);

        IReadOnlyList<DatasetInfo> datasets = await source.ListDatasetsAsync(CancellationToken.None);

        Assert.Equal(["ip_coll/_default", "ip_coll/tag-1 x"], datasets.Select(d => d.Name));
    }

    [Fact]
    public async Task WrongPassword_IsAServerError_ThatNeverShowsThePassword()
    {
        using var storage = new StorageCopy();
        using MySqlTestDatabase database = mariaDb.CreateLegacyMetaDatabase();
        const string Wrong = "not-the-password-4711";
        string yaml = storage.Yaml(MySqlYaml(database, withPassword: false).Replace("user:", $"password: '{Wrong}'\n  user:", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<DestinationException>(() => Legacy.ListAsync(yaml));

        Assert.Equal(ExitCodes.ServerError, error.ExitCode);
        Assert.StartsWith($"mysql://{database.Endpoint.User}@{database.Endpoint.Host}:{database.Endpoint.Port}/{database.Name}: cannot read the Milvus meta database: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Access denied", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseWithoutTheMilvusTables_IsASourceError()
    {
        using var storage = new StorageCopy();
        using MySqlTestDatabase database = mariaDb.CreateLegacyMetaDatabase();
        using (var connection = new MySql.Data.MySqlClient.MySqlConnection(database.ConnectionString))
        {
            connection.Open();
            using var drop = new MySql.Data.MySqlClient.MySqlCommand("DROP TABLE TableFiles", connection);
            drop.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<SourceDataException>(() => Legacy.ListAsync(storage.Yaml(MySqlYaml(database, withPassword: true))));

        Assert.Contains("not a readable Milvus 0.10/1.x meta (Tables/TableFiles)", error.Message, StringComparison.Ordinal);
        Assert.Contains("TableFiles", error.Message, StringComparison.Ordinal);
    }

    private static string MySqlYaml(MySqlTestDatabase database, bool withPassword) =>
        $"mysql:\n  host: {database.Endpoint.Host}\n  port: {database.Endpoint.Port}\n  user: {database.Endpoint.User}\n"
        + (withPassword ? $"  password: '{database.Endpoint.Password}'\n" : "")
        + $"  database: {database.Name}\n";
}
