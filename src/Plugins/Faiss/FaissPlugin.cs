using System.Buffers.Binary;
using System.Reflection;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss.Format;

namespace MilvusDm.Plugins.Faiss;

/// <summary>Reads Faiss index files: one dataset per file.</summary>
public sealed class FaissPlugin : ISourcePlugin
{
    public PluginManifest Manifest { get; } = new(
        "faiss",
        typeof(FaissPlugin).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        "Reads Faiss index files that store exact vectors (flat, id maps, IVF-Flat, HNSW-Flat, refine-flat, binary).")
    {
        SourceConfig = FaissSourceConfig.Describe(),
        OriginalKeys = [new OriginalKeyMapping("F2M", PluginRole.Source, "data_path", "path")],
    };

    public IVectorSource CreateSource(PluginConfigNode config, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        FaissSourceConfig bound = FaissSourceConfig.Bind(config);
        return new FaissSource(context.ResolvePath(bound.Path!), bound.AllowLossy, context.Log);
    }

    /// <summary>Claims existing files whose first four bytes are a fourcc Faiss knows.</summary>
    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Target.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        string path = context.ResolvePath(request.Target);
        return StartsWithFaissCode(path) ? new FaissSource(path, allowLossy: false, context.Log) : null;
    }

    private static bool StartsWithFaissCode(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            using FileStream stream = File.OpenRead(path);
            Span<byte> code = stackalloc byte[4];
            return stream.ReadAtLeast(code, 4, throwOnEndOfStream: false) == 4
                && IndexTypes.Find(BinaryPrimitives.ReadUInt32LittleEndian(code)) is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable here means "not claimed"; the host reports that no plugin recognised the target.
            return false;
        }
    }
}
