using System.Collections.Concurrent;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>Collects what plugins log, for assertions.</summary>
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
