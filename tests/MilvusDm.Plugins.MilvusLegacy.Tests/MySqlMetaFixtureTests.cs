using System.Data.Common;
using Microsoft.Data.Sqlite;
using MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;
using MySql.Data.MySqlClient;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>
/// The MySQL variant of the fixture is the SQLite meta, row for row, in the column types of the real Milvus 1.x
/// schema (formats.md 2.4), so every reader test can run against both backends with the same truth.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MySqlMetaFixtureTests(MariaDbFixture mariaDb)
{
    private static readonly string[] s_metaTables = ["Tables", "TableFiles", "Environment", "Fields"];

    // formats.md 2.4.1 / 2.4.2 (MySQL types without display widths, as information_schema reports them).
    private static readonly (string Table, string Column, string Sqlite, string MySql)[] s_schema =
    [
        ("Tables", "id", "INTEGER", "bigint"), ("Tables", "table_id", "TEXT", "varchar(255)"),
        ("Tables", "state", "INTEGER", "int"), ("Tables", "dimension", "INTEGER", "smallint"),
        ("Tables", "created_on", "INTEGER", "bigint"), ("Tables", "flag", "INTEGER", "bigint"),
        ("Tables", "index_file_size", "INTEGER", "bigint"), ("Tables", "engine_type", "INTEGER", "int"),
        ("Tables", "index_params", "TEXT", "varchar(512)"), ("Tables", "metric_type", "INTEGER", "int"),
        ("Tables", "owner_table", "TEXT", "varchar(255)"), ("Tables", "partition_tag", "TEXT", "varchar(255)"),
        ("Tables", "version", "TEXT", "varchar(64)"), ("Tables", "flush_lsn", "INTEGER", "bigint"),
        ("TableFiles", "id", "INTEGER", "bigint"), ("TableFiles", "table_id", "TEXT", "varchar(255)"),
        ("TableFiles", "segment_id", "TEXT", "varchar(255)"), ("TableFiles", "engine_type", "INTEGER", "int"),
        ("TableFiles", "file_id", "TEXT", "varchar(255)"), ("TableFiles", "file_type", "INTEGER", "int"),
        ("TableFiles", "file_size", "INTEGER", "bigint"), ("TableFiles", "row_count", "INTEGER", "bigint"),
        ("TableFiles", "updated_time", "INTEGER", "bigint"), ("TableFiles", "created_on", "INTEGER", "bigint"),
        ("TableFiles", "date", "INTEGER", "int"), ("TableFiles", "flush_lsn", "INTEGER", "bigint"),
        ("Environment", "global_lsn", "INTEGER", "bigint"),
        ("Fields", "collection_id", "TEXT", "varchar(255)"), ("Fields", "field_name", "TEXT", "varchar(255)"),
        ("Fields", "field_type", "INTEGER", "int"), ("Fields", "field_params", "TEXT", "varchar(255)"),
    ];

    [Fact]
    public void MySqlMeta_HoldsTheSqliteMetaRowForRow()
    {
        using var metas = new BothMetas(mariaDb);

        foreach (string table in s_metaTables)
        {
            string columns = string.Join(", ", s_schema.Where(c => c.Table == table).Select(c => c.Column));
            string sql = $"SELECT {columns} FROM {table} ORDER BY {columns}";
            List<object?[]> fromSqlite = ReadRows(metas.Sqlite, sql);
            List<object?[]> fromMySql = ReadRows(metas.MySql, sql);

            Assert.Equal(fromSqlite.Count, fromMySql.Count);
            for (int i = 0; i < fromSqlite.Count; i++)
            {
                Assert.Equal(fromSqlite[i], fromMySql[i]);
            }
        }

        // Not vacuous: the fixture has live and dropped collections, partitions and files of many types.
        Assert.Equal(8, ReadRows(metas.MySql, "SELECT id FROM Tables").Count);
        Assert.Equal(14, ReadRows(metas.MySql, "SELECT id FROM TableFiles").Count);
    }

    [Fact]
    public void BothMetas_HaveTheColumnsAndTypesOfTheMilvus1xSchema()
    {
        using var metas = new BothMetas(mariaDb);

        foreach (string table in s_metaTables)
        {
            var expected = s_schema.Where(c => c.Table == table).ToArray();
            var sqlite = ReadRows(metas.Sqlite, $"SELECT name, type FROM pragma_table_info('{table}') ORDER BY cid");
            Assert.Equal(expected.Select(c => (c.Column, c.Sqlite)), sqlite.Select(r => ((string)r[0]!, (string)r[1]!)));

            // CONVERT: MySql.Data 8.0.16 cannot map the collation MariaDB reports for a computed information_schema
            // column (KeyNotFoundException '0').
            var mysqlColumns = ReadRows(metas.MySql,
                "SELECT CONVERT(COLUMN_NAME USING utf8mb4), CONVERT(CONCAT(DATA_TYPE, " +
                "IF(CHARACTER_MAXIMUM_LENGTH IS NULL, '', CONCAT('(', CHARACTER_MAXIMUM_LENGTH, ')'))) USING utf8mb4) " +
                $"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}' ORDER BY ORDINAL_POSITION");
            Assert.Equal(expected.Select(c => (c.Column, c.MySql)), mysqlColumns.Select(r => ((string)r[0]!, (string)r[1]!)));
        }
    }

    [Fact]
    public void EachUse_GetsAFreshDatabaseThatIsDroppedAfterwards()
    {
        string first, second;
        using (MySqlTestDatabase a = mariaDb.CreateLegacyMetaDatabase())
        using (MySqlTestDatabase b = mariaDb.CreateLegacyMetaDatabase())
        {
            (first, second) = (a.Name, b.Name);
            Assert.NotEqual(first, second);
            Assert.True(DatabaseExists(first));
        }

        Assert.False(DatabaseExists(first));
        Assert.False(DatabaseExists(second));
    }

    private bool DatabaseExists(string name)
    {
        using var connection = new MySqlConnection(mariaDb.Endpoint.ConnectionString());
        connection.Open();
        using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @name", connection);
        command.Parameters.AddWithValue("@name", name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>Integers of any width compare as long, text as string: the backends differ only in SQL types.</summary>
    private static List<object?[]> ReadRows(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetValue(i) switch
                {
                    DBNull => null,
                    string text => text,
                    object number => Convert.ToInt64(number, System.Globalization.CultureInfo.InvariantCulture),
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// A fresh MySQL database loaded from storage.mysql.sql and a copy of meta.sqlite in a temporary folder (opening
    /// the committed file would leave -wal/-shm files beside it), both open.
    /// </summary>
    private sealed class BothMetas : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("milvusdm-legacy-meta-").FullName;
        private readonly MySqlTestDatabase _database;

        public BothMetas(MariaDbFixture mariaDb)
        {
            string copy = Path.Combine(_directory, "meta.sqlite");
            File.Copy(Path.Combine(LegacyTestData.Storage, "db", "meta.sqlite"), copy);
            Sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            Sqlite.Open();
            _database = mariaDb.CreateLegacyMetaDatabase();
            MySql = new MySqlConnection(_database.ConnectionString);
            MySql.Open();
        }

        public SqliteConnection Sqlite { get; }

        public MySqlConnection MySql { get; }

        public void Dispose()
        {
            MySql.Dispose();
            _database.Dispose();
            Sqlite.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
