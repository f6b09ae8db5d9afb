namespace MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;

/// <summary>
/// The MariaDB the MySQL-meta tests use: the one test.sh started (MILVUSDM_TEST_MYSQL and
/// MILVUSDM_TEST_MYSQL_PASSWORD, as printed by eng/mariadb.sh env), or else one started here through
/// eng/mariadb.sh and stopped afterwards, so a plain `dotnet test` works too. When no server can be had the
/// constructor throws and every test of the collection fails: these tests never skip.
/// </summary>
public sealed class MariaDbFixture : IDisposable
{
    private readonly MariaDbServer? _ownServer;

    public MariaDbFixture()
    {
        string? uri = Environment.GetEnvironmentVariable("MILVUSDM_TEST_MYSQL");
        if (string.IsNullOrWhiteSpace(uri))
        {
            _ownServer = MariaDbServer.Start();
            Endpoint = _ownServer.Endpoint;
        }
        else
        {
            Endpoint = MySqlEndpoint.FromUri(uri, Environment.GetEnvironmentVariable("MILVUSDM_TEST_MYSQL_PASSWORD"));
        }
    }

    internal MySqlEndpoint Endpoint { get; }

    /// <summary>A fresh database holding storage.mysql.sql, dropped when the result is disposed.</summary>
    internal MySqlTestDatabase CreateLegacyMetaDatabase() => MySqlTestDatabase.Create(Endpoint, LegacyTestData.MySqlScript);

    public void Dispose() => _ownServer?.Dispose();
}
