using System.Buffers.Binary;
using System.Net;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MilvusDm.Milvus.TestServer;

/// <summary>
/// An in-process Milvus 2.x server: Kestrel on 127.0.0.1 with a free port, HTTP/2 only (h2c), every unary RPC at
/// <c>POST /milvus.proto.milvus.MilvusService/&lt;Method&gt;</c> routed by hand to <see cref="InMemoryMilvus"/>.
/// </summary>
public sealed partial class MilvusTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MilvusTestServer(WebApplication app, InMemoryMilvus milvus, MilvusTestServerOptions options, Uri uri)
    {
        _app = app;
        Milvus = milvus;
        Options = options;
        Uri = uri;
    }

    public InMemoryMilvus Milvus { get; }

    public MilvusTestServerOptions Options { get; }

    /// <summary>http://127.0.0.1:PORT, or https:// when the options carry a certificate.</summary>
    public Uri Uri { get; }

    /// <summary>
    /// Starts a server on <paramref name="port"/> (0: a free one). Passing the <see cref="Milvus"/> of a stopped server
    /// with its port restarts it with everything it stored, as a real server restart keeps its data.
    /// </summary>
    public static async Task<MilvusTestServer> StartAsync(MilvusTestServerOptions? options = null, int port = 0, InMemoryMilvus? data = null)
    {
        options ??= new MilvusTestServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
        });
        var app = builder.Build();
        var milvus = data ?? new InMemoryMilvus(options);
        var server = default(MilvusTestServer);
        app.MapPost("/{service}/{method}", (HttpContext context, string service, string method) => server!.HandleAsync(context, service, method));
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new MilvusTestServer(app, milvus, options, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    private async Task HandleAsync(HttpContext context, string service, string method)
    {
        context.Response.ContentType = "application/grpc";
        try
        {
            CheckAuthorization(context.Request.Headers.Authorization.ToString());
            var routes = RoutesOf(service);
            if (routes is null || Options.Unimplemented.Contains(method) || !routes.TryGetValue(method, out var route))
            {
                throw new RpcFault(12, $"unknown method {method} for service {service}");
            }

            byte[] payload = await ReadMessageAsync(context).ConfigureAwait(false);
            CountCall(service, method);
            var fault = Options.Faults?.Next(method);
            if (Options.Faults is { Delay: var delay } && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }

            switch (fault)
            {
                case FaultKind.Unavailable:
                    throw new RpcFault(14, "injected: service unavailable");
                case FaultKind.ResourceExhausted:
                    throw new RpcFault(8, "injected: resource exhausted");
                case FaultKind.DropConnection:
                    context.Abort();
                    return;
                case FaultKind.RateLimited:
                    await WriteMessageAsync(context, route.Fail(MilvusError.RateLimited().ToStatus())).ConfigureAwait(false);
                    return;
            }

            IMessage response;
            try
            {
                response = route.Handle(payload, DatabaseOf(context));
            }
            catch (MilvusError error)
            {
                response = route.Fail(error.ToStatus());
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new RpcFault(13, $"grpc: error unmarshalling request: {ex.Message}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug in the test server must show up as a readable INTERNAL status, not as HTTP 500.
                throw new RpcFault(13, $"test server failure: {ex.GetType().Name}: {ex.Message}");
            }

            if (fault == FaultKind.StoreThenFail)
            {
                throw new RpcFault(14, "injected: stored, then failed");
            }

            if (fault == FaultKind.StoreThenDrop)
            {
                context.Abort();
                return;
            }

            await WriteMessageAsync(context, response).ConfigureAwait(false);
        }
        catch (RpcFault fault)
        {
            // Trailers-only response: the status travels in the headers, no body.
            context.Response.Headers["grpc-status"] = fault.GrpcStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(fault.Message);
        }
    }

    private void CheckAuthorization(string header)
    {
        if (Options.RequiredCredential is not { } credential)
        {
            return;
        }

        if (string.IsNullOrEmpty(header))
        {
            throw new RpcFault(16, "missing authorization in header");
        }

        string expected = Convert.ToBase64String(Encoding.UTF8.GetBytes(credential));
        if (header != expected)
        {
            throw new RpcFault(16, "auth check failure, please check username and password are correct");
        }
    }

    private static string DatabaseOf(HttpContext context) =>
        context.Request.Headers.TryGetValue("dbname", out var db) && !string.IsNullOrEmpty(db.ToString()) ? db.ToString() : "default";

    private async Task<byte[]> ReadMessageAsync(HttpContext context)
    {
        var body = context.Request.Body;
        var header = new byte[5];
        await body.ReadExactlyAsync(header, context.RequestAborted).ConfigureAwait(false);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (header[0] != 0)
        {
            throw new RpcFault(12, "grpc: compressed requests are not supported by the test server");
        }

        if (length > Options.MaxReceiveBytes)
        {
            await DrainAsync(context).ConfigureAwait(false);
            throw new RpcFault(8, $"grpc: received message larger than max ({length} vs. {Options.MaxReceiveBytes})");
        }

        var payload = new byte[length];
        await body.ReadExactlyAsync(payload, context.RequestAborted).ConfigureAwait(false);
        return payload;
    }

    private static async Task DrainAsync(HttpContext context)
    {
        var sink = new byte[81920];
        while (await context.Request.Body.ReadAsync(sink, context.RequestAborted).ConfigureAwait(false) > 0)
        {
        }
    }

    private static async Task WriteMessageAsync(HttpContext context, IMessage message)
    {
        int size = message.CalculateSize();
        var frame = new byte[5 + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(5));
        context.Response.DeclareTrailer("grpc-status");
        await context.Response.Body.WriteAsync(frame, context.RequestAborted).ConfigureAwait(false);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
