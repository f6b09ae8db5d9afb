namespace MilvusDm.Abstractions;

/// <summary>
/// A columnar slice of a dataset: ids as one array, vectors as one contiguous block, scalars as one array per field.
/// No per-row objects, so a batch of a million rows is three allocations, not a million.
/// </summary>
/// <remarks>
/// The consumer disposes a batch once it no longer needs its memory; a source may pass a release callback to
/// return pooled buffers. Vector bytes are little-endian as described by <see cref="VectorType"/>.
/// </remarks>
public sealed class VectorBatch : IDisposable
{
    private Action? _release;

    /// <summary>Creates a batch.</summary>
    /// <param name="ordinal">0-based position of the first row within its dataset.</param>
    /// <param name="count">Number of rows.</param>
    /// <param name="bytesPerRow">Bytes of one row's vector.</param>
    /// <param name="vectors">Exactly <paramref name="count"/> × <paramref name="bytesPerRow"/> bytes.</param>
    /// <param name="ids">
    /// Int64 keys, one per row; empty (the default, or a <c>null</c> array) when the rows carry none. A <c>long[]</c>
    /// converts implicitly, and a slice of a pooled buffer works too.
    /// </param>
    /// <param name="stringIds">VarChar keys, or <c>null</c>.</param>
    /// <param name="scalars">Scalar columns, or <c>null</c> for none.</param>
    /// <param name="release">Called once on <see cref="Dispose"/> to return pooled memory.</param>
    public VectorBatch(
        long ordinal,
        int count,
        int bytesPerRow,
        ReadOnlyMemory<byte> vectors,
        ReadOnlyMemory<long> ids = default,
        IReadOnlyList<string>? stringIds = null,
        IReadOnlyList<ScalarColumn>? scalars = null,
        Action? release = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerRow);
        if (vectors.Length != (long)count * bytesPerRow)
        {
            throw new ArgumentException($"Vector block holds {vectors.Length} bytes; {count} rows of {bytesPerRow} bytes need {(long)count * bytesPerRow}.", nameof(vectors));
        }

        if (!ids.IsEmpty && ids.Length != count)
        {
            throw new ArgumentException($"{ids.Length} ids for {count} rows.", nameof(ids));
        }

        if (stringIds is not null && stringIds.Count != count)
        {
            throw new ArgumentException($"{stringIds.Count} ids for {count} rows.", nameof(stringIds));
        }

        foreach (ScalarColumn column in scalars ?? [])
        {
            if (column.Values.Length != count)
            {
                throw new ArgumentException($"Scalar column '{column.Field.Name}' holds {column.Values.Length} values for {count} rows.", nameof(scalars));
            }
        }

        Ordinal = ordinal;
        Count = count;
        BytesPerRow = bytesPerRow;
        Vectors = vectors;
        // Not "ids.IsEmpty ? null : ids": that null would convert through long[] into an empty, non-null memory.
        Ids = ids.IsEmpty ? default(ReadOnlyMemory<long>?) : ids;
        StringIds = stringIds;
        Scalars = scalars ?? [];
        _release = release;
    }

    /// <summary>0-based position of the first row within its dataset.</summary>
    public long Ordinal { get; }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Bytes of one row's vector.</summary>
    public int BytesPerRow { get; }

    /// <summary>All vectors, row after row.</summary>
    public ReadOnlyMemory<byte> Vectors { get; }

    /// <summary>Int64 keys, or <c>null</c> when the rows carry none (see <see cref="StringIds"/>).</summary>
    public ReadOnlyMemory<long>? Ids { get; }

    /// <summary>VarChar keys, or <c>null</c>.</summary>
    public IReadOnlyList<string>? StringIds { get; }

    /// <summary>Scalar columns.</summary>
    public IReadOnlyList<ScalarColumn> Scalars { get; }

    /// <summary>Whether the rows carry keys of either type.</summary>
    public bool HasIds => Ids is not null || StringIds is not null;

    /// <summary>Bytes of vector payload.</summary>
    public long VectorBytes => Vectors.Length;

    /// <summary>The vector of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<byte> VectorAt(int row) => Vectors.Span.Slice(checked(row * BytesPerRow), BytesPerRow);

    /// <summary>
    /// A batch with the same rows and the given int64 keys; disposing either releases the memory once.
    /// Used by the host to assign client-side keys to id-less sources.
    /// </summary>
    public VectorBatch WithIds(ReadOnlyMemory<long> ids)
    {
        Action? release = Interlocked.Exchange(ref _release, null);
        return new VectorBatch(Ordinal, Count, BytesPerRow, Vectors, ids, null, Scalars, release);
    }

    /// <summary>Returns pooled memory, if any. Safe to call more than once.</summary>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
