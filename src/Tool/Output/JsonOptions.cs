using System.Text.Encodings.Web;
using System.Text.Json;

namespace MilvusDm.Tool.Output;

/// <summary>Shared JSON settings for machine-readable output.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,

        // Paths and names are shown as typed (no \u002B escapes); output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
