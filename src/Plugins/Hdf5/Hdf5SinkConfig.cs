using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>The <c>sink:</c> section of a job writing HDF5 files (original M2H: <c>data_dir</c>).</summary>
[PluginConfig]
public sealed partial class Hdf5SinkConfig
{
    [ConfigKey("dir", Required = true, Description = "Output folder: <dir>/<collection>/<partition>.h5, a re-import job beside each file, and <dir>/manifest.json.")]
    public string? Dir { get; set; }

    [ConfigKey("mode", Description = "What to do when a file exists: skip (keep it) or overwrite.")]
    public WriteMode Mode { get; set; } = WriteMode.Skip;
}
