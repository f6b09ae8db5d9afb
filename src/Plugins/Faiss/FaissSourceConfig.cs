using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Faiss;

/// <summary>The <c>source:</c> section of a job reading a Faiss index (original F2M: <c>data_path</c>).</summary>
[PluginConfig]
public sealed partial class FaissSourceConfig
{
    [ConfigKey("path", Required = true, Description = "The Faiss index file, as written by faiss.write_index or write_index_binary.")]
    public string? Path { get; set; }

    [ConfigKey("allow_lossy", Description = "Read scalar-quantizer indexes by decoding their codes as Faiss reconstructs them (approximate vectors).")]
    public bool AllowLossy { get; set; }
}
