using System.Collections.Concurrent;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Support;

/// <summary>Keeps what a plugin logged.</summary>
internal sealed class TestLog : IPluginLog
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    public void Warn(string message) => Warnings.Enqueue(message);

    public void Info(string message)
    {
    }

    public void Debug(string message)
    {
    }
}
