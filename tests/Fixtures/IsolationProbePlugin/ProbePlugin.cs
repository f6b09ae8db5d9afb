using System.Diagnostics;
using MilvusDm.Abstractions;
using Newtonsoft.Json;

namespace IsolationProbePlugin;

/// <summary>Reports, in its description, which copy and version of its private dependency it got.</summary>
public sealed class ProbePlugin : ISinkPlugin
{
    public PluginManifest Manifest { get; } = new(
        typeof(ProbePlugin).Assembly.GetName().Name!.ToLowerInvariant(),
        "1.0.0",
        $"json={FileVersionInfo.GetVersionInfo(typeof(JsonConvert).Assembly.Location).FileVersion}@{typeof(JsonConvert).Assembly.Location}");

    public IVectorSink CreateSink(PluginConfigNode config, PluginContext context) =>
        throw new NotSupportedException("The probe only reports how it was loaded.");
}
