using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// Looks ids up in an id map stored in the file, one page at a time: internal ids of an IVF list grow with
/// insertion order, so consecutive lookups mostly hit the same page and the map is never loaded whole.
/// </summary>
internal sealed class IdTranslator(string path, SafeFileHandle handle, IdMapTable table)
{
    private const int PageIds = 4096;
    private readonly byte[] _page = new byte[PageIds * 8];
    private long _pageStart = -1;
    private int _pageCount;

    public void Translate(Span<long> ids)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            long inner = ids[i];
            if (inner < 0 || inner >= table.Count)
            {
                throw new SourceDataException($"{path}: {table.Type} has {table.Count} ids, but the wrapped index refers to id {inner}");
            }

            if (_pageStart < 0 || inner < _pageStart || inner >= _pageStart + _pageCount)
            {
                Load(inner / PageIds * PageIds);
            }

            ids[i] = BinaryPrimitives.ReadInt64LittleEndian(_page.AsSpan((int)(inner - _pageStart) * 8, 8));
        }
    }

    private void Load(long first)
    {
        _pageCount = (int)Math.Min(PageIds, table.Count - first);
        SegmentReader.ReadExactly(path, handle, _page.AsSpan(0, _pageCount * 8), table.Offset + first * 8, "id map entries");
        _pageStart = first;
    }
}
