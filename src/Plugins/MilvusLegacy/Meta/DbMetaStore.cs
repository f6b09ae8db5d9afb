using System.Data.Common;
using System.Globalization;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>
/// The two meta queries, shared by SQLite and MySQL: both backends use the same table and column names, only the
/// column types differ, so values are read through conversions rather than typed getters. Parameterised: a quote in
/// a collection name cannot break a query (the original concatenated strings).
/// </summary>
internal abstract class DbMetaStore : IMetaStore
{
    private const string TablesQuery =
        "SELECT table_id, dimension, index_file_size, engine_type, index_params, metric_type, owner_table, partition_tag, version "
        + "FROM Tables WHERE state = @state ORDER BY id";

    private const string FilesQuery =
        "SELECT table_id, segment_id, file_id, file_type, row_count FROM TableFiles "
        + "WHERE table_id = @table AND file_type IN (@raw, @toIndex, @backup) ORDER BY id";

    private const int NormalState = 0;
    private DbConnection? _connection;

    public abstract string Location { get; }

    /// <summary>Opens the backend's connection (read-only where the backend allows it).</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public async Task<IReadOnlyList<TableRow>> ReadTablesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TableRow>();
        await QueryAsync(TablesQuery, [("@state", NormalState)], reader => rows.Add(new TableRow(
            Text(reader, 0),
            Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
            Text(reader, 4),
            Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
            Text(reader, 6),
            Text(reader, 7),
            Text(reader, 8))), cancellationToken).ConfigureAwait(false);
        return rows;
    }

    public async Task<IReadOnlyList<TableFileRow>> ReadRawFilesAsync(string tableId, CancellationToken cancellationToken)
    {
        var rows = new List<TableFileRow>();
        (string, object)[] parameters = [("@table", tableId), ("@raw", FileTypes.Raw), ("@toIndex", FileTypes.ToIndex), ("@backup", FileTypes.Backup)];
        await QueryAsync(FilesQuery, parameters, reader => rows.Add(new TableFileRow(
            Text(reader, 0),
            Text(reader, 1),
            Text(reader, 2),
            Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture))), cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private async Task QueryAsync(string sql, IReadOnlyList<(string Name, object Value)> parameters, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using DbCommand command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach ((string name, object value) in parameters)
            {
                DbParameter parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                row(reader);
            }
        }
        catch (Exception e) when (e is DbException or InvalidCastException or FormatException or OverflowException)
        {
            throw new SourceDataException($"{Location}: not a readable Milvus 0.10/1.x meta (Tables/TableFiles): {e.Message}", e);
        }
    }

    private static string Text(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? "" : Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture) ?? "";

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }

        GC.SuppressFinalize(this);
    }
}
