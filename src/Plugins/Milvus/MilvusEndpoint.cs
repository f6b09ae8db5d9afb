using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus;

/// <summary>Where a Milvus server is and how to authenticate, resolved from config keys and the environment.</summary>
internal sealed record MilvusEndpoint(Uri Uri, string? Authorization, string DbName)
{
    public string? CaFile { get; init; }

    public bool SkipTlsVerify { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    public string? VersionHint { get; init; }

    /// <summary>For messages and plans: never carries credentials.</summary>
    public string Display => $"{Uri.Scheme}://{Uri.Host}:{Uri.Port}/{DbName}";

    /// <summary>The server alone, for 1.x servers (they have no databases).</summary>
    public string ServerDisplay => $"{Uri.Scheme}://{Uri.Host}:{Uri.Port}";

    public static MilvusEndpoint Resolve(string? uri, string? host, int? port, string? token, string? user, string? password,
        string? dbName, PluginContext context)
    {
        if (uri is not null && host is not null)
        {
            throw new ConfigException("milvus: give either uri or host/port (original dest_host/dest_port), not both");
        }

        string text = uri ?? (host is not null ? $"http://{host}:{port ?? 19530}" : throw new ConfigException("milvus: uri (or host and port) is required"));
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!System.Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            throw new ConfigException($"milvus: uri '{text}' must be http://host:port or https://host:port");
        }

        if (parsed.IsDefaultPort && uri is not null && !uri.Contains($":{parsed.Port}", StringComparison.Ordinal))
        {
            parsed = new UriBuilder(parsed) { Port = 19530 }.Uri;
        }

        token ??= context.GetEnvironmentVariable("MILVUS_TOKEN");
        user ??= context.GetEnvironmentVariable("MILVUS_USER");
        password ??= context.GetEnvironmentVariable("MILVUS_PASSWORD");
        foreach (string? secret in new[] { token, password })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                context.RegisterSecret(secret);
            }
        }

        return new MilvusEndpoint(parsed, Client.MilvusCredentials.AuthorizationHeader(token, user, password),
            string.IsNullOrEmpty(dbName) ? "default" : dbName);
    }

    public Transport.GrpcChannelSettings ToChannelSettings() => new(Uri)
    {
        Authorization = Authorization,
        DatabaseName = DbName,
        CaFile = CaFile,
        SkipCertificateVerification = SkipTlsVerify,
        DefaultDeadline = Timeout,
    };
}
