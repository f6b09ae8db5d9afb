using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace MilvusDm.InsertReplay;

/// <summary>
/// Unary gRPC over HttpClient h2c with a handler configured like milvusdm's (prior-knowledge HTTP/2, several
/// connections allowed), for already framed request bodies. Any non-OK status ends the replay.
/// </summary>
internal sealed class H2cUnaryClient : IDisposable
{
    private const string Service = "/milvus.proto.milvus.MilvusService/";
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");
    private readonly HttpClient _http;
    private readonly Uri _address;

    public H2cUnaryClient(Uri address)
    {
        _address = address;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromMinutes(10) };
    }

    /// <summary>gRPC framing: no compression, 4-byte big-endian length, the message.</summary>
    public static byte[] Frame(IMessage message)
    {
        int size = message.CalculateSize();
        var frame = new byte[5 + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }

    public Task<T> CallAsync<T>(string method, IMessage request, MessageParser<T> parser)
        where T : IMessage<T> => SendAsync(method, Frame(request), parser);

    public async Task<T> SendAsync<T>(string method, byte[] frame, MessageParser<T> parser)
        where T : IMessage<T>
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, Service + method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        message.Content.Headers.ContentType = GrpcContentType;
        message.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        string? status = Header(response.Headers, "grpc-status") ?? Header(response.TrailingHeaders, "grpc-status");
        if (response.StatusCode != HttpStatusCode.OK || status != "0" || body.Length < 5)
        {
            string why = Header(response.Headers, "grpc-message") ?? Header(response.TrailingHeaders, "grpc-message") ?? "";
            throw new InvalidOperationException($"{method}: HTTP {(int)response.StatusCode}, grpc-status {status ?? "none"} {Uri.UnescapeDataString(why)}");
        }

        return parser.ParseFrom(body.AsSpan(5));
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
