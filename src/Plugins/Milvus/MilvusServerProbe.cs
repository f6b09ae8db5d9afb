using System.Text.RegularExpressions;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;

namespace MilvusDm.Plugins.Milvus;

/// <summary>
/// Finds out what the server speaks (issue 5, Precisions): Connect (UNIMPLEMENTED ignored, 2.0-2.2.8 answer it),
/// GetVersion (2.2 refused), then the 1.x Cmd("version") to name a 1.x server.
/// </summary>
internal static partial class MilvusServerProbe
{
    public static async Task<string> ProbeAsync(MilvusClient client, string display, string? versionHint, IPluginLog log, CancellationToken ct)
    {
        try
        {
            await client.ConnectAsync(new ConnectRequest { ClientInfo = new ClientInfo { SdkType = "milvusdm", SdkVersion = "1.0", User = "" } }, ct)
                .ConfigureAwait(false);
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.Unimplemented)
        {
        }

        string version;
        try
        {
            version = (await client.GetVersionAsync(ct).ConfigureAwait(false)).Version;
        }
        catch (DestinationException ex) when (MilvusClient.FailureOf(ex)?.Kind == MilvusFailureKind.Unimplemented)
        {
            string legacy;
            try
            {
                legacy = await client.LegacyVersionAsync(ct).ConfigureAwait(false);
            }
            catch (DestinationException again) when (MilvusClient.FailureOf(again)?.Kind == MilvusFailureKind.Unimplemented)
            {
                throw new DestinationException($"{display}: unsupported Milvus server (2.0/2.1?): needs 2.3 or newer");
            }

            throw new DestinationException(
                $"{display} is a Milvus {legacy} server, which speaks only the 1.x protocol; this sink needs Milvus 2.3 or newer "
                + "(read the 1.x server's storage folder with the milvus-legacy source instead)");
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

            var hint = versionHint is null ? null : VersionPattern().Match(versionHint);
            if (hint is { Success: true } && hint.Groups[1].Value != match.Groups[1].Value)
            {
                log.Warn($"milvus_version says {versionHint} but {display} runs {version}; using what the server speaks");
            }
        }
        else
        {
            log.Warn($"{display}: cannot parse server version '{version}'; assuming 2.3 or newer");
        }

        return version;
    }

    [GeneratedRegex(@"v?(\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
