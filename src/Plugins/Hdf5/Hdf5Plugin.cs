using System.Reflection;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5.Format;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>Reads HDF5 files (one dataset per file) and writes one HDF5 file per collection partition.</summary>
public sealed class Hdf5Plugin : ISourcePlugin, ISinkPlugin
{
    private static readonly HashSet<string> s_extensions = new(StringComparer.OrdinalIgnoreCase) { ".h5", ".hdf5" };

    public PluginManifest Manifest { get; } = new(
        "hdf5",
        typeof(Hdf5Plugin).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        "Reads and writes HDF5 files (embeddings/ids as h5py writes them, ann-benchmarks files) without native libhdf5.")
    {
        SourceConfig = Hdf5SourceConfig.Describe(),
        SinkConfig = Hdf5SinkConfig.Describe(),
        OriginalKeys =
        [
            new OriginalKeyMapping("H2M", PluginRole.Source, "data_path", "paths"),
            new OriginalKeyMapping("H2M", PluginRole.Source, "data_dir", "dir"),
            new OriginalKeyMapping("M2H", PluginRole.Sink, "data_dir", "dir"),
        ],
    };

    public IVectorSource CreateSource(PluginConfigNode config, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Hdf5SourceConfig bound = Hdf5SourceConfig.Bind(config);
        List<string> files;
        if (bound.Paths is { Count: > 0 } paths)
        {
            files = [.. paths.Select(context.ResolvePath)];
        }
        else if (!string.IsNullOrEmpty(bound.Dir))
        {
            string dir = context.ResolvePath(bound.Dir);
            if (!Directory.Exists(dir))
            {
                throw new SourceDataException($"{dir}: no such folder");
            }

            // Sorted by name (ordinal), so that a resumed job sees the files in the same order.
            files = [.. Directory.EnumerateFiles(dir).Where(f => s_extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal)];
            if (files.Count == 0)
            {
                throw new SourceDataException($"{dir}: no .h5 or .hdf5 files");
            }
        }
        else
        {
            throw new ConfigException("hdf5 source: set paths (a list of files) or dir (a folder)");
        }

        return new Hdf5Source(files, bound.VectorsDataset, bound.IdsDataset);
    }

    public IVectorSink CreateSink(PluginConfigNode config, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Hdf5SinkConfig bound = Hdf5SinkConfig.Bind(config);
        return new Hdf5Sink(context.ResolvePath(bound.Dir!), bound.Mode, context.Log);
    }

    /// <summary>Claims existing files that carry the HDF5 signature (at 0 or after a user block).</summary>
    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Target.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        string path = context.ResolvePath(request.Target);
        return File.Exists(path) && Hdf5File.HasSignature(path) ? new Hdf5Source([path], request.VectorsDataset, null) : null;
    }
}
