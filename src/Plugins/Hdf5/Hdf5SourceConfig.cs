using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>The <c>source:</c> section of a job reading HDF5 files (original H2M: <c>data_path</c> / <c>data_dir</c>).</summary>
[PluginConfig]
[ExclusiveKeys("paths", "dir", OneRequired = true)]
public sealed partial class Hdf5SourceConfig
{
    [ConfigKey("paths", Description = "HDF5 files to read, one dataset each, in this order.")]
    public List<string>? Paths { get; set; }

    [ConfigKey("dir", Description = "A folder whose .h5 and .hdf5 files are read in sorted name order (not recursive).")]
    public string? Dir { get; set; }

    [ConfigKey("vectors_dataset", Description = "Path of the vectors dataset inside each file (default: embeddings, else train in an ann-benchmarks file).")]
    public string? VectorsDataset { get; set; }

    [ConfigKey("ids_dataset", Description = "Path of the int64 ids dataset (default: ids beside the vectors, when present).")]
    public string? IdsDataset { get; set; }
}
