using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>Collects plugin log lines.</summary>
internal sealed class TestLog : IPluginLog
{
    public List<string> Lines { get; } = [];

    public void Warn(string message) => Lines.Add("warn: " + message);

    public void Info(string message) => Lines.Add("info: " + message);

    public void Debug(string message) => Lines.Add("debug: " + message);
}
