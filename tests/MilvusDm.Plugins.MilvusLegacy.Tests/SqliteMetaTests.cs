using Microsoft.Data.Sqlite;
using MilvusDm.Plugins.MilvusLegacy.Meta;
using MilvusDm.Plugins.MilvusLegacy.Tests.Support;

namespace MilvusDm.Plugins.MilvusLegacy.Tests;

/// <summary>
/// The SQLite meta is only ever read: meta changes still in the WAL are seen, the WAL side files are left as they
/// are, and on read-only media the database is opened immutable.
/// </summary>
public sealed class SqliteMetaTests
{
    [Fact]
    public async Task Read_WithCommittedChangesStillInTheWal_SeesThemAndLeavesTheWalAsItWas()
    {
        using var storage = new StorageCopy();
        // A writer that keeps its connection open leaves its last transaction in meta.sqlite-wal, like a running Milvus.
        using var writer = new SqliteConnection($"Data Source={storage.MetaFile};Pooling=False");
        writer.Open();
        using (SqliteCommand disable = writer.CreateCommand())
        {
            disable.CommandText = "PRAGMA wal_autocheckpoint=0; UPDATE Tables SET partition_tag = 'renamed' WHERE partition_tag = 'tag_a'";
            disable.ExecuteNonQuery();
        }

        byte[] mainBefore = File.ReadAllBytes(storage.MetaFile);
        byte[] walBefore = File.ReadAllBytes(storage.MetaFile + "-wal");
        Assert.NotEmpty(walBefore);

        var names = (await Legacy.ListAsync(storage.Yaml("collections: {float_coll: }"))).Select(d => d.Name).ToList();

        Assert.Contains("float_coll/renamed", names);
        Assert.Equal(mainBefore, File.ReadAllBytes(storage.MetaFile));
        Assert.Equal(walBefore, File.ReadAllBytes(storage.MetaFile + "-wal"));
    }

    [Fact]
    public async Task Read_InAFolderThatCannotBeWritten_OpensImmutableAndCreatesNoSideFiles()
    {
        using var storage = new StorageCopy();
        await using var meta = new SqliteMetaStore(storage.Storage, isWritable: _ => false);

        IReadOnlyList<TableRow> tables = await meta.ReadTablesAsync(CancellationToken.None);
        IReadOnlyList<TableFileRow> files = await meta.ReadRawFilesAsync("float_coll", CancellationToken.None);

        Assert.True(meta.Immutable);
        Assert.Equal(["float_coll", "1678358371133074000", "1678358521133128000", "bin_coll", "ip_coll", "1678366021133270000"], tables.Select(t => t.TableId));
        Assert.Equal(["1678358056132984000", "1678358101133002000", "1678358266133038000"], files.Select(f => f.SegmentId));
        Assert.False(File.Exists(storage.MetaFile + "-wal"));
        Assert.False(File.Exists(storage.MetaFile + "-shm"));
    }

    [Fact]
    public async Task Read_InAWritableFolder_IsNotImmutable_AndLeavesNoProbeFileBehind()
    {
        using var storage = new StorageCopy();
        await using var meta = new SqliteMetaStore(storage.Storage);

        await meta.ReadTablesAsync(CancellationToken.None);

        Assert.False(meta.Immutable);
        Assert.Equal(["meta.sqlite", "meta.sqlite-shm", "meta.sqlite-wal"], Directory.EnumerateFiles(Path.GetDirectoryName(storage.MetaFile)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/data/milvus/db/meta.sqlite", "file:/data/milvus/db/meta.sqlite?immutable=1")]
    [InlineData("/data/my milvus#1/db/meta.sqlite", "file:/data/my%20milvus%231/db/meta.sqlite?immutable=1")]
    [InlineData("/data/a?b%c/meta.sqlite", "file:/data/a%3Fb%25c/meta.sqlite?immutable=1")]
    public void ImmutableUri_EncodesWhatUrisReserve(string file, string uri) =>
        Assert.Equal(uri, SqliteMetaStore.ImmutableUri(file));

    [Fact]
    public async Task Meta_WithoutTheMilvusTables_IsASourceError()
    {
        using var storage = new StorageCopy();
        File.Delete(storage.MetaFile);
        using (var other = new SqliteConnection($"Data Source={storage.MetaFile};Pooling=False"))
        {
            other.Open();
            using SqliteCommand create = other.CreateCommand();
            create.CommandText = "CREATE TABLE Collections(id INTEGER)";
            create.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<MilvusDm.Abstractions.SourceDataException>(() => Legacy.ListAsync(storage.Yaml()));

        Assert.StartsWith($"{storage.MetaFile}: not a readable Milvus 0.10/1.x meta (Tables/TableFiles): ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such table: Tables", error.Message, StringComparison.Ordinal);
    }
}
