namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>Where a 1.x server kept its meta: <c>db/meta.sqlite</c> or a MySQL database. Read only.</summary>
internal interface IMetaStore : IAsyncDisposable
{
    /// <summary>Where the meta lives, for messages (never carries a password).</summary>
    string Location { get; }

    /// <summary><c>Tables</c> rows in the normal state (dropped collections and partitions left out).</summary>
    Task<IReadOnlyList<TableRow>> ReadTablesAsync(CancellationToken cancellationToken);

    /// <summary>The raw-data <c>TableFiles</c> rows (RAW, TO_INDEX, BACKUP) of one collection or partition.</summary>
    Task<IReadOnlyList<TableFileRow>> ReadRawFilesAsync(string tableId, CancellationToken cancellationToken);
}
