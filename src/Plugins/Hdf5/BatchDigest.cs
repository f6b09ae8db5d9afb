using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>
/// Digest v1 of a batch spread over the cores: the sums are additive, so each part of the rows is hashed alone
/// (keeping its ordinals for id-less rows) and the parts are added. Two SHA-256 per row cost more than writing the
/// row, so the sink would otherwise be bound by one core hashing.
/// </summary>
internal static class BatchDigest
{
    /// <summary>Fewer rows than this per part are not worth a thread-pool hop.</summary>
    private const int MinRowsPerPart = 512;

    public static DigestPair Of(VectorBatch batch)
    {
        int parts = Math.Clamp(batch.Count / MinRowsPerPart, 1, Environment.ProcessorCount);
        if (parts == 1 || batch.StringIds is not null)
        {
            return RowDigester.Digest(batch);
        }

        var sums = new DigestPair[parts];
        int rowsPerPart = (batch.Count + parts - 1) / parts;
        Parallel.For(0, parts, part =>
        {
            int start = part * rowsPerPart;
            int count = Math.Min(rowsPerPart, batch.Count - start);
            ReadOnlyMemory<long> ids = batch.Ids is { } all ? all.Slice(start, count) : default;
            var slice = new VectorBatch(batch.Ordinal + start, count, batch.BytesPerRow, batch.Vectors.Slice(start * batch.BytesPerRow, count * batch.BytesPerRow), ids);
            sums[part] = RowDigester.Digest(slice);
        });

        DigestPair total = default;
        foreach (DigestPair sum in sums)
        {
            total += sum;
        }

        return total;
    }
}
