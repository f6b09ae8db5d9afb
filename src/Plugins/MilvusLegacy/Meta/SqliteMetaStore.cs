using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>
/// <c>&lt;path&gt;/db/meta.sqlite</c>, opened read-only. Milvus runs SQLite in WAL mode, so recent meta changes
/// may still sit in <c>meta.sqlite-wal</c>: a read-only connection reads them and leaves both side files as they
/// are. On read-only media SQLite cannot create the shared-memory file a WAL reader needs, so there the database is
/// opened <c>immutable</c> (no locks, no side files; a WAL not yet checkpointed is then not seen).
/// </summary>
internal sealed class SqliteMetaStore : DbMetaStore
{
    public const string RelativePath = "db/meta.sqlite";
    private readonly string _file;
    private readonly Func<string, bool> _isWritable;

    /// <param name="storagePath">The storage folder holding <c>db/</c>.</param>
    /// <param name="isWritable">Whether a folder accepts new files (tests replace it to simulate read-only media).</param>
    public SqliteMetaStore(string storagePath, Func<string, bool>? isWritable = null)
    {
        _file = Path.Combine(storagePath, "db", "meta.sqlite");
        _isWritable = isWritable ?? IsWritable;
    }

    public override string Location => _file;

    /// <summary>Whether the last open used the immutable URI.</summary>
    public bool Immutable { get; private set; }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_file))
        {
            throw new SourceDataException($"{_file}: missing: not a Milvus 0.10/1.x storage folder (or its meta is in MySQL: set mysql)");
        }

        Immutable = !_isWritable(Path.GetDirectoryName(_file)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Immutable ? ImmutableUri(_file) : _file,
            Mode = SqliteOpenMode.ReadOnly,
            // A pooled connection would keep the file open (and the WAL side files locked) after the job.
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new SourceDataException($"{_file}: cannot open the SQLite meta: {e.Message}", e);
        }
    }

    /// <summary>An SQLite URI filename with <c>immutable=1</c>; characters URIs reserve are percent-encoded.</summary>
    internal static string ImmutableUri(string file)
    {
        var uri = new StringBuilder("file:");
        foreach (byte b in Encoding.UTF8.GetBytes(Path.GetFullPath(file).Replace('\\', '/')))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~' or ':')
            {
                uri.Append(c);
            }
            else
            {
                uri.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return uri.Append("?immutable=1").ToString();
    }

    /// <summary>
    /// Whether a file can be created in <paramref name="folder"/>: the only test that also sees read-only mounts
    /// (permission bits do not show them, and root ignores the bits). The probe file is deleted on close.
    /// </summary>
    private static bool IsWritable(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".milvusdm-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
