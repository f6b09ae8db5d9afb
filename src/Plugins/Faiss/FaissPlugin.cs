using System.Buffers.Binary;
using System.Reflection;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss.Format;

namespace MilvusDm.Plugins.Faiss;

/// <summary>Reads Faiss index files: one dataset per file.</summary>
public sealed class FaissPlugin : ISourcePlugin
{
    private static readonly HashSet<string> s_faissExtensions = new(StringComparer.OrdinalIgnoreCase) { ".index", ".faiss", ".faissindex" };

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

    /// <summary>
    /// Claims existing files whose first four bytes are a fourcc Faiss knows, and files named like Faiss indexes
    /// whatever they hold, so that an empty or damaged <c>.index</c> file gets this reader's precise error.
    /// </summary>
    public IVectorSource? TryOpenForInspect(InspectRequest request, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Target.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        string path = context.ResolvePath(request.Target);
        bool claimed = StartsWithFaissCode(path) || (File.Exists(path) && s_faissExtensions.Contains(Path.GetExtension(path)));
        return claimed ? new FaissSource(path, allowLossy: false, context.Log) : null;
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
