using System.Buffers.Binary;
using System.Text;

namespace MilvusDm.Plugins.Faiss.Tests;

/// <summary>Rewrites the data-file path stored at the end of the ilod fixture (u64 length, bytes, u64 totsize).</summary>
internal static class OnDiskFileName
{
    public static byte[] Replace(byte[] index, string newPath)
    {
        byte[] old = Encoding.UTF8.GetBytes("/tmp/milvusdm-faiss-ondisk-fixture/ivfflat_ondisk.ivfdata");
        int at = index.AsSpan().IndexOf(old);
        Assert.True(at > 8);
        Assert.Equal(old.Length, BinaryPrimitives.ReadInt64LittleEndian(index.AsSpan(at - 8)));
        byte[] replacement = Encoding.UTF8.GetBytes(newPath);
        var result = new byte[index.Length - old.Length + replacement.Length];
        index.AsSpan(0, at - 8).CopyTo(result);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(at - 8), replacement.Length);
        replacement.CopyTo(result.AsSpan(at));
        index.AsSpan(at + old.Length).CopyTo(result.AsSpan(at + replacement.Length));
        return result;
    }
}
