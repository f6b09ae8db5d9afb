using MilvusDm.Abstractions;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>Plugin log of the in-process read-backs; keeps warnings so a test can show them when it fails.</summary>
internal sealed class SilentLog : IPluginLog
{
    public List<string> Warnings { get; } = [];

    public void Warn(string message)
    {
        lock (Warnings)
        {
            Warnings.Add(message);
        }
    }

    public void Info(string message)
    {
    }

    public void Debug(string message)
    {
    }
}
