using System.Data.Common;
using MilvusDm.Abstractions;
using MySql.Data.MySqlClient;

namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>
/// The meta in a MySQL (or MariaDB) database, as Milvus 1.x kept it with <c>general.meta_uri = mysql://…</c>. The
/// session is read-only, so nothing this reader sends can change the user's meta.
/// </summary>
internal sealed class MySqlMetaStore(string host, int port, string user, string? password, string database) : DbMetaStore
{
    public override string Location { get; } = $"mysql://{user}@{host}:{port}/{database}";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = host,
            Port = checked((uint)port),
            UserID = user,
            Password = password ?? "",
            Database = database,
            Pooling = false,
            ConnectionTimeout = 15,
            // TLS when the server offers it (a remote meta server may insist), plaintext otherwise (a loopback MariaDB).
            SslMode = MySqlSslMode.Preferred,
        };
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using MySqlCommand readOnly = connection.CreateCommand();
            readOnly.CommandText = "SET SESSION TRANSACTION READ ONLY";
            await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            // The server's own words ("Access denied for user 'x'@'h' (using password: YES)") never echo the password.
            throw new DestinationException($"{Location}: cannot read the Milvus meta database: {e.Message}", e);
        }
    }
}
