using System.Buffers.Binary;
using System.IO.Compression;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Undoes a chunk's filters (in reverse pipeline order): fletcher32, deflate and shuffle. One instance per dataset
/// reader: the two scratch buffers are reused from chunk to chunk, so decoding allocates nothing per chunk.
/// </summary>
internal sealed class ChunkFilters(Hdf5File file, FilterPipeline pipeline, int chunkBytes)
{
    private byte[] _a = [];
    private byte[] _b = [];

    /// <summary>
    /// The chunk's <c>chunkBytes</c> bytes with every filter undone. The result lives in a scratch buffer (or in
    /// <paramref name="stored"/>): it is valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> Decode(long chunkOffset, byte[] stored, int storedLength, uint mask)
    {
        byte[] data = stored;
        int length = storedLength;
        for (int i = pipeline.Filters.Count - 1; i >= 0; i--)
        {
            if ((mask & (1u << i)) != 0)
            {
                continue;
            }

            FilterDescription filter = pipeline.Filters[i];
            switch (filter.Id)
            {
                case FilterDescription.Fletcher32:
                    length = VerifyFletcher32(chunkOffset, data.AsSpan(0, length));
                    break;
                case FilterDescription.Deflate:
                {
                    // The output never legitimately exceeds the chunk size (plus a fletcher32 checksum applied
                    // before compression): stop there so a zip bomb cannot exhaust memory.
                    byte[] target = Scratch(data, chunkBytes + 5);
                    length = Inflate(chunkOffset, data, length, target.AsSpan(0, chunkBytes + 5));
                    data = target;
                    break;
                }

                case FilterDescription.Shuffle:
                {
                    int elementSize = filter.ClientData.Length > 0 ? (int)filter.ClientData[0] : 1;
                    if (elementSize > 1 && length >= elementSize)
                    {
                        byte[] target = Scratch(data, length);
                        Unshuffle(data.AsSpan(0, length), target.AsSpan(0, length), elementSize);
                        data = target;
                    }

                    break;
                }

                default:
                    throw Unsupported(file, filter);
            }
        }

        if (length < chunkBytes)
        {
            throw SourceDataException.At(file.Path, chunkOffset, $"chunk decodes to {length} bytes; {chunkBytes} were expected");
        }

        return data.AsSpan(0, chunkBytes);
    }

    public static SourceDataException Unsupported(Hdf5File file, FilterDescription filter) =>
        new($"{file.Path}: the data uses the HDF5 filter '{filter.DisplayName}' (id {filter.Id}), which is not supported; supported filters are deflate (gzip), shuffle and fletcher32. Rewrite the file without it (e.g. h5repack -f NONE).");

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

    /// <summary>The scratch buffer that does not hold <paramref name="current"/>, at least <paramref name="size"/> bytes.</summary>
    private byte[] Scratch(byte[] current, int size)
    {
        if (!ReferenceEquals(current, _a))
        {
            return _a.Length >= size ? _a : _a = new byte[size];
        }

        return _b.Length >= size ? _b : _b = new byte[size];
    }

    /// <summary>Checks the checksum in the last 4 bytes and returns the payload's length.</summary>
    private int VerifyFletcher32(long at, ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            throw SourceDataException.At(file.Path, at, "fletcher32-filtered chunk is shorter than its checksum");
        }

        ReadOnlySpan<byte> payload = data[..^4];
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]);
        uint computed = Fletcher(payload);

        // Files from HDF5 before 1.6.3 stored the checksum byte-swapped; libhdf5 accepts both, so do we.
        if (stored != computed && stored != BinaryPrimitives.ReverseEndianness(computed))
        {
            throw SourceDataException.At(file.Path, at, $"chunk fletcher32 checksum mismatch (stored {stored:x8}, computed {computed:x8})");
        }

        return payload.Length;
    }

    private int Inflate(long at, byte[] data, int length, Span<byte> output)
    {
        int total = 0;
        try
        {
            using var input = new MemoryStream(data, 0, length, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            while (total < output.Length)
            {
                int read = zlib.Read(output[total..]);
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

        if (total < chunkBytes || total == output.Length)
        {
            throw SourceDataException.At(file.Path, at, $"deflate chunk inflates to {(total == output.Length ? "more than " + chunkBytes : total)} bytes; {chunkBytes} were expected");
        }

        return total;
    }

    /// <summary>Shuffle stores byte k of every element together; trailing bytes that do not form an element stay as they are.</summary>
    private static void Unshuffle(ReadOnlySpan<byte> data, Span<byte> output, int elementSize)
    {
        int elements = data.Length / elementSize;
        for (int k = 0; k < elementSize; k++)
        {
            ReadOnlySpan<byte> plane = data.Slice(k * elements, elements);
            for (int e = 0; e < elements; e++)
            {
                output[(e * elementSize) + k] = plane[e];
            }
        }

        data[(elements * elementSize)..].CopyTo(output[(elements * elementSize)..]);
    }
}
