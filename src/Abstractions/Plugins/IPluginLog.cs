namespace MilvusDm.Abstractions;

/// <summary>Where plugins write diagnostics. The host routes it to standard error and masks secrets.</summary>
public interface IPluginLog
{
    /// <summary>Something the user should know, e.g. a fallback taken.</summary>
    void Warn(string message);

    /// <summary>Normal progress information.</summary>
    void Info(string message);

    /// <summary>Detail shown with <c>--verbose</c>.</summary>
    void Debug(string message);
}
