using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>Faiss type codes: four ASCII characters stored as a little-endian uint32 (formats.md 1.1).</summary>
internal static class FourCC
{
    public static uint Of(string code)
    {
        Span<byte> bytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(code.AsSpan(0, 4), bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    /// <summary>The four characters, or a hex form when they are not printable ASCII.</summary>
    public static string ToText(uint code)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, code);
        foreach (byte b in bytes)
        {
            if (b is < 0x20 or > 0x7e)
            {
                return "0x" + code.ToString("x8", CultureInfo.InvariantCulture);
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    public static readonly uint Null = Of("null");
}
