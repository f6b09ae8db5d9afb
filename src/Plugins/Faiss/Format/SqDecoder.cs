using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// Turns scalar-quantizer codes into float32 rows as Faiss reconstructs them; for IVF indexes encoded by residual,
/// adds the list's centroid, read from the flat coarse quantizer when the list changes.
/// </summary>
internal sealed class SqDecoder(ScalarQuantizer quantizer, FlatIndex? centroids)
{
    private readonly float[] _row = new float[quantizer.Dim];
    private float[]? _centroid;
    private long _centroidList = -1;

    public int CodeSize => (int)quantizer.CodeSize;

    /// <summary>Decodes <paramref name="rows"/> codes into little-endian float32 rows.</summary>
    public void Decode(string path, SafeFileHandle indexFile, ReadOnlySpan<byte> codes, int rows, long listNo, Span<byte> output)
    {
        int d = _row.Length;
        ReadOnlySpan<float> centroid = centroids is null ? default : Centroid(path, indexFile, listNo);
        for (int r = 0; r < rows; r++)
        {
            quantizer.Decode(codes.Slice(r * CodeSize, CodeSize), _row);
            Span<byte> target = output.Slice(r * d * 4, d * 4);
            for (int i = 0; i < d; i++)
            {
                float value = centroid.IsEmpty ? _row[i] : _row[i] + centroid[i];
                BinaryPrimitives.WriteSingleLittleEndian(target.Slice(i * 4, 4), value);
            }
        }
    }

    private float[] Centroid(string path, SafeFileHandle indexFile, long listNo)
    {
        if (_centroid is not null && _centroidList == listNo)
        {
            return _centroid;
        }

        int d = _row.Length;
        var bytes = new byte[d * 4];
        SegmentReader.ReadExactly(path, indexFile, bytes, centroids!.CodesOffset + (listNo * d * 4), "a coarse centroid");
        _centroid = new float[d];
        for (int i = 0; i < d; i++)
        {
            _centroid[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        }

        _centroidList = listNo;
        return _centroid;
    }
}
