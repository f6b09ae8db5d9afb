using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace MilvusDm.Plugins.Milvus.Transport;

/// <summary>gRPC length-prefixed messages: 1-byte compressed flag, 4-byte big-endian length, payload.</summary>
internal static class GrpcFraming
{
    public const int HeaderSize = 5;

    /// <summary>
    /// The framed message in an array rented from <see cref="ArrayPool{T}.Shared"/> (its first <paramref name="length"/>
    /// bytes); the caller returns it to the pool when nothing reads it any more.
    /// </summary>
    public static byte[] FrameRented(IMessage message, out int length)
    {
        int size = message.CalculateSize();
        length = HeaderSize + size;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        buffer[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1, 4), (uint)size);
        message.WriteTo(buffer.AsSpan(HeaderSize, size));
        return buffer;
    }

    /// <summary>
    /// Reads one message from <paramref name="body"/>, or returns null at a clean end of stream (trailers-only or
    /// empty response). A message above <paramref name="maxBytes"/> is refused before it is buffered.
    /// </summary>
    public static async Task<byte[]?> ReadMessageAsync(
        Stream body, int maxBytes, string? encoding, string method, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        int got = await ReadAtLeastAsync(body, header, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < HeaderSize)
        {
            throw new GrpcCallException(method, GrpcStatusCode.Internal, $"response ended inside a frame header ({got} of 5 bytes)", true);
        }

        bool compressed = header[0] == 1;
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxBytes)
        {
            throw new GrpcCallException(method, GrpcStatusCode.ResourceExhausted,
                $"received message larger than max ({length} vs. {maxBytes})", true);
        }

        var payload = new byte[length];
        got = await ReadAtLeastAsync(body, payload, cancellationToken).ConfigureAwait(false);
        if (got < length)
        {
            throw new GrpcCallException(method, GrpcStatusCode.Internal, $"response ended inside a message ({got} of {length} bytes)", true);
        }

        if (!compressed)
        {
            return payload;
        }

        if (!string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            throw new GrpcCallException(method, GrpcStatusCode.Internal, $"compressed message with unsupported grpc-encoding '{encoding}'", true);
        }

        using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain, cancellationToken).ConfigureAwait(false);
        if (plain.Length > maxBytes)
        {
            throw new GrpcCallException(method, GrpcStatusCode.ResourceExhausted,
                $"decompressed message larger than max ({plain.Length} vs. {maxBytes})", true);
        }

        return plain.ToArray();
    }

    private static async Task<int> ReadAtLeastAsync(Stream body, byte[] buffer, CancellationToken cancellationToken) =>
        await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
}
