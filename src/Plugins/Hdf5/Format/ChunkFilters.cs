using System.Buffers.Binary;
using System.IO.Compression;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Undoes a chunk's filters (in reverse pipeline order): fletcher32, deflate and shuffle.</summary>
internal static class ChunkFilters
{
    public static byte[] Decode(Hdf5File file, long chunkOffset, byte[] stored, FilterPipeline pipeline, uint mask, int chunkBytes)
    {
        byte[] data = stored;
        for (int i = pipeline.Filters.Count - 1; i >= 0; i--)
        {
            if ((mask & (1u << i)) != 0)
            {
                continue;
            }

            FilterDescription filter = pipeline.Filters[i];
            data = filter.Id switch
            {
                FilterDescription.Fletcher32 => Fletcher32(file, chunkOffset, data),
                FilterDescription.Deflate => Inflate(file, chunkOffset, data, chunkBytes),
                FilterDescription.Shuffle => Unshuffle(data, filter.ClientData.Length > 0 ? (int)filter.ClientData[0] : 1),
                _ => throw Unsupported(file, filter),
            };
        }

        if (data.Length < chunkBytes)
        {
            throw SourceDataException.At(file.Path, chunkOffset, $"chunk decodes to {data.Length} bytes; {chunkBytes} were expected");
        }

        return data;
    }

    public static SourceDataException Unsupported(Hdf5File file, FilterDescription filter) =>
        new($"{file.Path}: the data uses the HDF5 filter '{filter.DisplayName}' (id {filter.Id}), which is not supported; supported filters are deflate (gzip), shuffle and fletcher32. Rewrite the file without it (e.g. h5repack -f NONE).");

    private static byte[] Fletcher32(Hdf5File file, long at, byte[] data)
    {
        if (data.Length < 4)
        {
            throw SourceDataException.At(file.Path, at, "fletcher32-filtered chunk is shorter than its checksum");
        }

        ReadOnlySpan<byte> payload = data.AsSpan(0, data.Length - 4);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(data.Length - 4));
        uint computed = Fletcher(payload);

        // Files from HDF5 before 1.6.3 stored the checksum byte-swapped; libhdf5 accepts both, so do we.
        if (stored != computed && stored != BinaryPrimitives.ReverseEndianness(computed))
        {
            throw SourceDataException.At(file.Path, at, $"chunk fletcher32 checksum mismatch (stored {stored:x8}, computed {computed:x8})");
        }

        return payload.ToArray();
    }

    /// <summary>HDF5's Fletcher-32: 16-bit big-endian words, reduced every 360 words; an odd last byte is the high byte.</summary>
    internal static uint Fletcher(ReadOnlySpan<byte> data)
    {
        uint sum1 = 0, sum2 = 0;
        int words = data.Length / 2;
        int i = 0;
        while (words > 0)
        {
            int block = Math.Min(360, words);
            words -= block;
            for (int k = 0; k < block; k++, i += 2)
            {
                sum1 += (uint)((data[i] << 8) | data[i + 1]);
                sum2 += sum1;
            }

            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }

        if (data.Length % 2 == 1)
        {
            sum1 += (uint)(data[^1] << 8);
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }

        sum1 = (sum1 & 0xffff) + (sum1 >> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        return (sum2 << 16) | sum1;
    }

    private static byte[] Inflate(Hdf5File file, long at, byte[] data, int chunkBytes)
    {
        // The output can never legitimately exceed the chunk size (plus a fletcher32 checksum applied before
        // compression): stop there so a zip bomb cannot exhaust memory.
        int cap = chunkBytes + 5;
        byte[] output = new byte[cap];
        int total = 0;
        try
        {
            using var input = new MemoryStream(data, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            while (total < cap)
            {
                int read = zlib.Read(output, total, cap - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw new SourceDataException($"{file.Path}: at byte {at}: deflate chunk is corrupt: {e.Message}", e);
        }

        if (total < chunkBytes || total == cap)
        {
            throw SourceDataException.At(file.Path, at, $"deflate chunk inflates to {(total == cap ? "more than " + chunkBytes : total)} bytes; {chunkBytes} were expected");
        }

        return total == output.Length ? output : output.AsSpan(0, total).ToArray();
    }

    private static byte[] Unshuffle(byte[] data, int elementSize)
    {
        if (elementSize <= 1 || data.Length < elementSize)
        {
            return data;
        }

        // Shuffle stores byte k of every element together; trailing bytes that do not form an element stay as they are.
        int elements = data.Length / elementSize;
        byte[] output = new byte[data.Length];
        for (int k = 0; k < elementSize; k++)
        {
            int from = k * elements;
            for (int e = 0; e < elements; e++)
            {
                output[(e * elementSize) + k] = data[from + e];
            }
        }

        Array.Copy(data, elements * elementSize, output, elements * elementSize, data.Length - (elements * elementSize));
        return output;
    }
}
