using System.Numerics;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Fractal heap "FRHP" (managed objects in direct blocks FHDB under indirect blocks FHIB): where dense groups keep
/// their link messages. Only what is needed to fetch an object by its heap ID.
/// </summary>
internal sealed class FractalHeap
{
    private const int MaxDepth = 16;

    private readonly Hdf5File _file;
    private readonly int _width;
    private readonly ulong _startBlockSize;
    private readonly int _offsetBytes;
    private readonly ulong _rootBlock;
    private readonly int _rootRows;
    private readonly bool _filtered;
    private readonly int _maxDirectRows;

    private FractalHeap(Hdf5File file, int width, ulong start, ulong maxDirect, int maxHeapBits, ulong root, int rootRows, bool filtered)
    {
        _file = file;
        _width = width;
        _startBlockSize = start;
        _offsetBytes = (maxHeapBits + 7) / 8;
        _rootBlock = root;
        _rootRows = rootRows;
        _filtered = filtered;
        _maxDirectRows = BitOperations.Log2(maxDirect) - BitOperations.Log2(start) + 2;
    }

    public static FractalHeap Read(Hdf5File file, ulong address)
    {
        int o = file.OffsetSize;
        int l = file.LengthSize;
        long size = 4 + 1 + 2 + 2 + 1 + 4 + l + o + l + o + (8 * l) + 2 + l + l + 2 + 2 + o + 2;
        ByteCursor c = file.Cursor(address, size, "fractal heap header");
        c.Signature("FRHP");
        int version = c.U8();
        if (version != 0)
        {
            throw c.Corrupt($"fractal heap version {version} is not supported (0 is)");
        }

        c.U16(); // heap ID length
        int filterLength = c.U16();
        c.U8(); // flags
        c.U32(); // max managed object size
        c.LengthField();
        c.Address();
        c.LengthField();
        c.Address();
        for (int i = 0; i < 8; i++)
        {
            c.LengthField();
        }

        int width = c.U16();
        ulong start = c.LengthField();
        ulong maxDirect = c.LengthField();
        int maxHeapBits = c.U16();
        c.U16(); // starting rows in root indirect block
        ulong root = c.Address();
        int rootRows = c.U16();
        if (width is 0 or > 4096 || start == 0 || !BitOperations.IsPow2(start) || !BitOperations.IsPow2(maxDirect) || maxDirect < start || maxHeapBits is 0 or > 64)
        {
            throw c.Corrupt("fractal heap table parameters are not plausible");
        }

        return new FractalHeap(file, width, start, maxDirect, maxHeapBits, root, rootRows, filterLength > 0);
    }

    /// <summary>The bytes of a managed object, from its heap ID.</summary>
    public ByteCursor Object(ReadOnlySpan<byte> heapId, long idOffset)
    {
        int type = (heapId[0] >> 4) & 3;
        if (type != 0)
        {
            throw SourceDataException.At(_file.Path, idOffset, $"fractal heap object of kind {(type == 1 ? "huge" : "tiny")} is not supported");
        }

        if (_filtered)
        {
            throw SourceDataException.At(_file.Path, idOffset, "filtered fractal heaps are not supported");
        }

        int lengthBytes = Math.Min(8, heapId.Length - 1 - _offsetBytes);
        ulong offset = Little(heapId.Slice(1, _offsetBytes));
        ulong length = Little(heapId.Slice(1 + _offsetBytes, lengthBytes));
        if (_rootRows == 0)
        {
            return FromDirect(_rootBlock, 0, _startBlockSize, offset, length);
        }

        return FromIndirect(_rootBlock, 0, _rootRows, offset, length, 0);
    }

    private ByteCursor FromIndirect(ulong block, ulong blockOffset, int rows, ulong offset, ulong length, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SourceDataException($"{_file.Path}: fractal heap indirect blocks nest too deep");
        }

        int directRows = Math.Min(rows, _maxDirectRows);
        int entries = (directRows + Math.Max(0, rows - directRows)) * _width;
        ByteCursor c = _file.Cursor(block, 4 + 1 + _file.OffsetSize + _offsetBytes + ((long)entries * _file.OffsetSize), "fractal heap indirect block");
        c.Signature("FHIB");
        c.Skip(1 + _file.OffsetSize + _offsetBytes);
        ulong position = blockOffset;
        for (int row = 0; row < rows; row++)
        {
            ulong rowBlockSize = RowBlockSize(row);
            for (int column = 0; column < _width; column++)
            {
                ulong child = c.Address();
                if (offset >= position && offset < position + rowBlockSize)
                {
                    if (child == Hdf5File.Undefined)
                    {
                        throw c.Corrupt($"fractal heap offset {offset} falls in an unallocated block");
                    }

                    if (row < _maxDirectRows)
                    {
                        return FromDirect(child, position, rowBlockSize, offset, length);
                    }

                    int childRows = BitOperations.Log2(rowBlockSize) - BitOperations.Log2(_startBlockSize * (ulong)_width) + 1;
                    return FromIndirect(child, position, childRows, offset, length, depth + 1);
                }

                position += rowBlockSize;
            }
        }

        throw c.Corrupt($"fractal heap offset {offset} is outside the heap");
    }

    private ByteCursor FromDirect(ulong block, ulong blockOffset, ulong blockSize, ulong offset, ulong length)
    {
        ulong within = offset - blockOffset;
        if (within + length > blockSize || length > (ulong)_file.Length)
        {
            throw new SourceDataException($"{_file.Path}: fractal heap object at offset {offset} ({length} bytes) runs past its {blockSize}-byte block");
        }

        long at = _file.Absolute(block, "fractal heap direct block");
        byte[] signature = _file.ReadExact(at, 4, "fractal heap direct block");
        if (signature[0] != 'F' || signature[1] != 'H' || signature[2] != 'D' || signature[3] != 'B')
        {
            throw SourceDataException.At(_file.Path, at, "expected the fractal heap direct block signature 'FHDB'");
        }

        return _file.CursorAt(at + (long)within, (long)length, "fractal heap object");
    }

    private ulong RowBlockSize(int row) => row == 0 ? _startBlockSize : _startBlockSize << (row - 1);

    private static ulong Little(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }
}
