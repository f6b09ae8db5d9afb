using MySql.Data.MySqlClient;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;

/// <summary>
/// A database of its own on the test MariaDB, holding the Milvus 1.x meta of storage.mysql.sql (the same rows as
/// tests/TestData/milvus-legacy/storage/db/meta.sqlite). Dropped on Dispose.
/// </summary>
internal sealed class MySqlTestDatabase : IDisposable
{
    private MySqlTestDatabase(MySqlEndpoint endpoint, string name)
    {
        Endpoint = endpoint;
        Name = name;
    }

    public MySqlEndpoint Endpoint { get; }

    /// <summary>The database name, unique per use (milvusdm_t_ + 16 hex digits).</summary>
    public string Name { get; }

    public string ConnectionString => Endpoint.ConnectionString(Name);

    /// <summary>Creates the database and runs <paramref name="script"/> in it.</summary>
    public static MySqlTestDatabase Create(MySqlEndpoint endpoint, string script)
    {
        string name = "milvusdm_t_" + Guid.NewGuid().ToString("N")[..16];
        Execute(endpoint.ConnectionString(), $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4");
        var database = new MySqlTestDatabase(endpoint, name);
        try
        {
            using var connection = new MySqlConnection(database.ConnectionString);
            connection.Open();
            new MySqlScript(connection, File.ReadAllText(script)).Execute();
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public void Dispose() => Execute(Endpoint.ConnectionString(), $"DROP DATABASE IF EXISTS `{Name}`");

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new MySqlConnection(connectionString);
        connection.Open();
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
