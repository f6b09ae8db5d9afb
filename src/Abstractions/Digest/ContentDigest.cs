using System.Buffers.Binary;
using System.Globalization;

namespace MilvusDm.Abstractions;

/// <summary>
/// An order-independent content fingerprint (digest v1): the sum mod 2^128 of the first 16 bytes of each row's
/// SHA-256, read as little-endian integers. The digest of a union of row sets is the sum of their digests.
/// </summary>
public readonly record struct ContentDigest(UInt128 Value)
{
    /// <summary>The digest of an empty dataset.</summary>
    public static ContentDigest Empty => default;

    /// <summary>The digest of the union of two row sets (wraps mod 2^128).</summary>
    public static ContentDigest operator +(ContentDigest left, ContentDigest right) => new(unchecked(left.Value + right.Value));

    /// <summary>The digest of <paramref name="left"/> without the rows of <paramref name="right"/>.</summary>
    public static ContentDigest operator -(ContentDigest left, ContentDigest right) => new(unchecked(left.Value - right.Value));

    /// <summary>Adds the same operation as <c>+</c>, for languages without operators.</summary>
    public static ContentDigest Add(ContentDigest left, ContentDigest right) => left + right;

    /// <summary>Subtracts, for languages without operators.</summary>
    public static ContentDigest Subtract(ContentDigest left, ContentDigest right) => left - right;

    /// <summary>Reads the row term from the first 16 bytes of a SHA-256 hash.</summary>
    public static ContentDigest FromHashPrefix(ReadOnlySpan<byte> sha256) => new(BinaryPrimitives.ReadUInt128LittleEndian(sha256));

    /// <summary>Parses 32 hex characters (the 16 bytes of the sum in little-endian order).</summary>
    public static ContentDigest Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 32)
        {
            throw new FormatException($"A digest is 32 hex characters; got {hex.Length}.");
        }

        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            bytes[i] = byte.Parse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return new ContentDigest(BinaryPrimitives.ReadUInt128LittleEndian(bytes));
    }

    /// <summary>32 lowercase hex characters: the 16 bytes of the sum in little-endian order.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(bytes, Value);
        return Convert.ToHexStringLower(bytes);
    }
}
