using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MilvusDm.Abstractions;

/// <summary>Computes digest v1 terms for the rows of a batch (see <c>digest-v1.md</c>).</summary>
public static class RowDigester
{
    /// <summary>
    /// Digests every row of <paramref name="batch"/>. Rows without keys use their ordinal within the dataset
    /// (<see cref="VectorBatch.Ordinal"/> + row), as the spec defines for id-less sources.
    /// </summary>
    public static DigestPair Digest(VectorBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int bytesPerRow = batch.BytesPerRow;
        int maxKeyBytes = 8;
        if (batch.StringIds is { } keys)
        {
            foreach (string key in keys)
            {
                maxKeyBytes = Math.Max(maxKeyBytes, 4 + Encoding.UTF8.GetByteCount(key));
            }
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(maxKeyBytes + bytesPerRow);
        try
        {
            Span<byte> hash = stackalloc byte[32];
            UInt128 withIds = 0;
            UInt128 vectorsOnly = 0;
            ReadOnlySpan<byte> vectors = batch.Vectors.Span;
            ReadOnlySpan<long> ids = batch.Ids is { } idBlock ? idBlock.Span : default;
            for (int row = 0; row < batch.Count; row++)
            {
                ReadOnlySpan<byte> vector = vectors.Slice(row * bytesPerRow, bytesPerRow);
                int keyBytes = WriteKey(batch, ids, row, buffer);
                vector.CopyTo(buffer.AsSpan(keyBytes));
                SHA256.HashData(buffer.AsSpan(0, keyBytes + bytesPerRow), hash);
                withIds = unchecked(withIds + BinaryPrimitives.ReadUInt128LittleEndian(hash));
                SHA256.HashData(vector, hash);
                vectorsOnly = unchecked(vectorsOnly + BinaryPrimitives.ReadUInt128LittleEndian(hash));
            }

            return new DigestPair(new ContentDigest(withIds), new ContentDigest(vectorsOnly), batch.Count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int WriteKey(VectorBatch batch, ReadOnlySpan<long> ids, int row, Span<byte> destination)
    {
        if (batch.StringIds is { } keys)
        {
            int length = Encoding.UTF8.GetBytes(keys[row], destination[4..]);
            BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)length);
            return 4 + length;
        }

        long key = batch.Ids is not null ? ids[row] : batch.Ordinal + row;
        BinaryPrimitives.WriteInt64LittleEndian(destination, key);
        return 8;
    }
}
