using MilvusDm.Abstractions;

namespace MilvusDm.Benchmarks;

/// <summary>A plugin log that drops everything (the benchmarks only time the reads).</summary>
internal sealed class SilentLog : IPluginLog
{
    public static SilentLog Instance { get; } = new();

    public void Warn(string message)
    {
    }

    public void Info(string message)
    {
    }

    public void Debug(string message)
    {
    }
}
