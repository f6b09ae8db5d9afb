using System.Runtime.InteropServices;
using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>Finds float32 vectors holding NaN or infinity, which Milvus rejects, before they are sent.</summary>
internal static class NanFilter
{
    /// <summary>Indexes of rows with a non-finite component (empty for the common clean batch, no allocation).</summary>
    public static List<int>? FindNonFinite(VectorBatch batch)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("float vectors are read as little-endian; this machine is big-endian");
        }

        ReadOnlySpan<float> values = MemoryMarshal.Cast<byte, float>(batch.Vectors.Span);
        int dim = batch.BytesPerRow / sizeof(float);
        List<int>? bad = null;
        for (int row = 0; row < batch.Count; row++)
        {
            foreach (float value in values.Slice(row * dim, dim))
            {
                if (!float.IsFinite(value))
                {
                    (bad ??= []).Add(row);
                    break;
                }
            }
        }

        return bad;
    }

    /// <summary>A copy of <paramref name="batch"/> without the given rows (sorted ascending).</summary>
    public static VectorBatch Without(VectorBatch batch, List<int> rows)
    {
        int keep = batch.Count - rows.Count;
        byte[] vectors = new byte[keep * batch.BytesPerRow];
        long[]? ids = batch.Ids is null ? null : new long[keep];
        string[]? stringIds = batch.StringIds is null ? null : new string[keep];
        var dropped = new HashSet<int>(rows);
        var kept = new List<int>(keep);
        for (int row = 0, target = 0; row < batch.Count; row++)
        {
            if (dropped.Contains(row))
            {
                continue;
            }

            kept.Add(row);
            batch.VectorAt(row).CopyTo(vectors.AsSpan(target * batch.BytesPerRow));
            if (ids is not null)
            {
                ids[target] = batch.Ids!.Value.Span[row];
            }

            if (stringIds is not null)
            {
                stringIds[target] = batch.StringIds![row];
            }

            target++;
        }

        var scalars = batch.Scalars.Select(c => c with { Values = Pick(c.Values, kept), Nulls = c.Nulls is null ? null : kept.Select(i => c.Nulls[i]).ToArray() }).ToList();
        batch.Dispose();

        // Ordinal stays that of the first original row: ordinals of id-less rows are not renumbered, so keys stay stable.
        return new VectorBatch(batch.Ordinal, keep, batch.BytesPerRow, vectors, ids ?? default(ReadOnlyMemory<long>), stringIds, scalars);
    }

    private static Array Pick(Array values, List<int> rows)
    {
        Array result = Array.CreateInstance(values.GetType().GetElementType()!, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            result.SetValue(values.GetValue(rows[i]), i);
        }

        return result;
    }
}
