using MilvusDm.Abstractions;

namespace MilvusDm.InsertReplay;

/// <summary>The Faiss plugin's log: only warnings matter to a replay, on standard error.</summary>
internal sealed class QuietLog : IPluginLog
{
    public static QuietLog Instance { get; } = new();

    public void Warn(string message) => Console.Error.WriteLine($"warning: {message}");

    public void Info(string message)
    {
    }

    public void Debug(string message)
    {
    }
}
