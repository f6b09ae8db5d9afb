using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace MilvusDm.Plugins.Milvus.Transport;

/// <summary>
/// Unary gRPC calls over HttpClient HTTP/2 (Grpc.Net.Client is not available here). http:// is h2c with prior
/// knowledge, https:// is TLS with ALPN h2. One channel multiplexes concurrent calls over its connection(s).
/// </summary>
internal sealed class UnaryGrpcChannel : IDisposable
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");

    private readonly GrpcChannelSettings _settings;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, string> _metadata = new(StringComparer.Ordinal);

    public UnaryGrpcChannel(GrpcChannelSettings settings)
    {
        _settings = settings;
        if (settings.Address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"gRPC address must be http:// or https://, got '{settings.Address}'", nameof(settings));
        }

        _http = new HttpClient(CreateHandler(settings), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        if (settings.Authorization is { Length: > 0 } auth)
        {
            _metadata["authorization"] = auth;
        }

        if (settings.DatabaseName is { Length: > 0 } db)
        {
            _metadata["dbname"] = db;
        }
    }

    public Uri Address => _settings.Address;

    /// <summary>Adds or replaces a header sent on every later call (e.g. the Connect identifier).</summary>
    public void SetMetadata(string key, string value) => _metadata[key] = value;

    public async Task<TResponse> CallAsync<TResponse>(
        string service, string method, IMessage request, MessageParser<TResponse> parser,
        TimeSpan? deadline, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        TimeSpan timeout = deadline ?? _settings.DefaultDeadline;
        using var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadlineSource.CancelAfter(timeout);

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_settings.Address, $"/{service}/{method}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        // The frame (one Insert is megabytes) comes from the shared pool and goes back once the call succeeded: then
        // the server has read the whole body. After a failure the send may still be reading it, so the GC takes it.
        byte[] frame = GrpcFraming.FrameRented(request, out int length);
        bool returnFrame = false;
        var content = new ByteArrayContent(frame, 0, length);
        content.Headers.ContentType = GrpcContentType;
        message.Content = content;
        message.Headers.TryAddWithoutValidation("te", "trailers");
        message.Headers.TryAddWithoutValidation("grpc-timeout", GrpcTimeout.Format(timeout));
        message.Headers.TryAddWithoutValidation("user-agent", "milvusdm-grpc/1.0");
        foreach (var (key, value) in _metadata)
        {
            message.Headers.TryAddWithoutValidation(key, value);
        }

        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadlineSource.Token).ConfigureAwait(false);
            var result = await ReadResponseAsync(method, response, parser, deadlineSource.Token).ConfigureAwait(false);
            returnFrame = true;
            return result;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GrpcCallException(method, GrpcStatusCode.DeadlineExceeded, $"no answer within {timeout.TotalSeconds:0.###} s", true, ex);
        }
        catch (HttpRequestException ex)
        {
            // Only a failed connection attempt proves the server never saw the request.
            bool processed = ex.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.VersionNegotiationError);
            throw new GrpcCallException(method, GrpcStatusCode.Unavailable, Describe(ex), processed, ex);
        }
        catch (IOException ex)
        {
            throw new GrpcCallException(method, GrpcStatusCode.Unavailable, ex.Message, true, ex);
        }
        finally
        {
            if (returnFrame)
            {
                ArrayPool<byte>.Shared.Return(frame);
            }
        }
    }

    private async Task<TResponse> ReadResponseAsync<TResponse>(
        string method, HttpResponseMessage response, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // Trailers-only errors still come with 200; any other HTTP status is a proxy or a non-gRPC endpoint.
            var fromHeaders = TryStatus(response.Headers);
            throw new GrpcCallException(method, fromHeaders?.Code ?? MapHttpStatus(response.StatusCode),
                fromHeaders?.Message ?? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", true);
        }

        if (TryStatus(response.Headers) is { } trailersOnly)
        {
            ThrowIfNotOk(method, trailersOnly);
        }

        string? encoding = response.Headers.TryGetValues("grpc-encoding", out var encodings) ? encodings.FirstOrDefault() : null;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[]? payload = await GrpcFraming.ReadMessageAsync(body, _settings.MaxReceiveBytes, encoding, method, cancellationToken).ConfigureAwait(false);

        // Drain to the end so the trailers arrive.
        var rest = new byte[256];
        while (await body.ReadAsync(rest, cancellationToken).ConfigureAwait(false) > 0)
        {
        }

        var status = TryStatus(response.TrailingHeaders) ?? TryStatus(response.Headers)
            ?? throw new GrpcCallException(method, GrpcStatusCode.Internal, "response without grpc-status", true);
        ThrowIfNotOk(method, status);
        if (payload is null)
        {
            throw new GrpcCallException(method, GrpcStatusCode.Internal, "OK status without a response message", true);
        }

        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GrpcCallException(method, GrpcStatusCode.Internal, $"undecodable response: {ex.Message}", true, ex);
        }
    }

    private static void ThrowIfNotOk(string method, (GrpcStatusCode Code, string Message) status)
    {
        if (status.Code != GrpcStatusCode.Ok)
        {
            // A server-sent status means the server answered; only UNAVAILABLE leaves it open whether it acted.
            throw new GrpcCallException(method, status.Code, status.Message, status.Code != GrpcStatusCode.ResourceExhausted);
        }
    }

    private static (GrpcStatusCode Code, string Message)? TryStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues("grpc-status", out var values)
            || !int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out int code))
        {
            return null;
        }

        string message = headers.TryGetValues("grpc-message", out var messages) ? Uri.UnescapeDataString(messages.FirstOrDefault() ?? "") : "";
        return ((GrpcStatusCode)code, message);
    }

    // https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md
    private static GrpcStatusCode MapHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
        HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
        HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };

    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;

    private static SocketsHttpHandler CreateHandler(GrpcChannelSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        if (settings.Address.Scheme == "https")
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                RemoteCertificateValidationCallback = CreateValidator(settings),
            };
        }

        return handler;
    }

    private static RemoteCertificateValidationCallback? CreateValidator(GrpcChannelSettings settings)
    {
        if (settings.SkipCertificateVerification)
        {
            return static (_, _, _, _) => true;
        }

        if (settings.CaFile is null)
        {
            return null;
        }

        var authority = X509CertificateLoader.LoadCertificateFromFile(settings.CaFile);
        return (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
    }

    public void Dispose() => _http.Dispose();
}
