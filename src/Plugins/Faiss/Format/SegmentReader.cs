using Microsoft.Win32.SafeHandles;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>Positional reads of payload bytes straight into a batch's buffer.</summary>
internal static class SegmentReader
{
    public static void ReadExactly(string path, SafeFileHandle handle, Span<byte> destination, long offset, string what)
    {
        long at = offset;
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(handle, destination, at);
            if (read <= 0)
            {
                throw SourceDataException.At(path, at, $"expected {destination.Length} more bytes of {what}, but the file ends (it shrank after it was checked)");
            }

            destination = destination[read..];
            at += read;
        }
    }
}
