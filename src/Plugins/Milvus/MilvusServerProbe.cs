using System.Text.RegularExpressions;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;

namespace MilvusDm.Plugins.Milvus;

/// <summary>
/// Finds out what the server speaks (issue 5 and 10, Precisions): Connect (UNIMPLEMENTED ignored, 2.0-2.2.8 answer it),
/// GetVersion (2.2 refused), and on UNIMPLEMENTED the 1.x Cmd("version"). A <c>milvus_version</c> hint never decides:
/// when its major version differs from the server's, a warning says so and the server's protocol is used.
/// </summary>
internal static partial class MilvusServerProbe
{
    /// <summary>Detects with a short-lived client of its own (the protocol decides which client the job then uses).</summary>
    public static async Task<MilvusServerKind> DetectAsync(MilvusEndpoint endpoint, CancellationToken ct)
    {
        using var client = new MilvusClient(endpoint.ToChannelSettings());
        return await DetectAsync(client, endpoint.Display, ct).ConfigureAwait(false);
    }

    public static async Task<MilvusServerKind> DetectAsync(MilvusClient client, string display, CancellationToken ct)
    {
        try
        {
            await client.ConnectAsync(new ConnectRequest { ClientInfo = new ClientInfo { SdkType = "milvusdm", SdkVersion = "1.0", User = "" } }, ct)
                .ConfigureAwait(false);
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.Unimplemented)
        {
        }

        try
        {
            return new MilvusServerKind(MilvusProtocol.V2, (await client.GetVersionAsync(ct).ConfigureAwait(false)).Version);
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.Unimplemented)
        {
            try
            {
                return new MilvusServerKind(MilvusProtocol.V1, await client.LegacyVersionAsync(ct).ConfigureAwait(false));
            }
            catch (DestinationException again) when (MilvusClient.FailureOf(again)?.Kind == MilvusFailureKind.Unimplemented)
            {
                throw new DestinationException($"{display}: unsupported Milvus server (2.0/2.1?): needs 2.3 or newer, or 0.10/1.x");
            }
        }
    }

    /// <summary>The 2.x client's own check: a 2.3+ server, or a clear refusal.</summary>
    public static async Task<string> ProbeAsync(MilvusClient client, string display, string? versionHint, IPluginLog log, CancellationToken ct)
    {
        var server = await DetectAsync(client, display, ct).ConfigureAwait(false);
        string version = server.Version;
        if (server.Protocol == MilvusProtocol.V1)
        {
            throw new DestinationException($"{display} is a Milvus {version} server, which speaks only the 1.x protocol; the 2.x client cannot use it");
        }

        var match = VersionPattern().Match(version);
        if (match.Success)
        {
            int major = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            int minor = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (major < 2 || (major == 2 && minor < 3))
            {
                throw new DestinationException($"{display} runs Milvus {version}: needs Milvus 2.3 or newer");
            }

            WarnIfHintDiffers(display, versionHint, server, log);
        }
        else
        {
            log.Warn($"{display}: cannot parse server version '{version}'; assuming 2.3 or newer");
        }

        return version;
    }

    /// <summary>Compares major versions only (original files carry 1.x versions as information; 0.10 counts as 1.x).</summary>
    public static void WarnIfHintDiffers(string display, string? versionHint, MilvusServerKind server, IPluginLog log)
    {
        int? hinted = MajorOf(versionHint);
        int running = server.Protocol == MilvusProtocol.V1 ? 1 : MajorOf(server.Version) ?? 2;
        if (hinted is int major && Math.Max(1, major) != running)
        {
            log.Warn($"milvus_version says {versionHint} but {display} runs {server.Version} ({server.ProtocolName} protocol); using what the server speaks");
        }
    }

    private static int? MajorOf(string? version) =>
        version is not null && VersionPattern().Match(version) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"v?(\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
