using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Format;

/// <summary>
/// Finds a segment's folder: <c>&lt;db&gt;/tables/&lt;table_id&gt;/&lt;segment_id&gt;</c> under the primary
/// <c>&lt;path&gt;/db</c> or under a secondary path. Milvus spreads segment files over its paths round-robin (by
/// file id for raw files, by a counter for index files), so the folder that counts is the one holding the raw file.
/// </summary>
internal sealed class SegmentLocator
{
    private readonly string _primary;
    private readonly IReadOnlyList<string> _roots;

    /// <param name="path">The storage primary path (the folder holding <c>db/</c>).</param>
    /// <param name="secondaryPaths">Milvus <c>storage.secondary_path</c> folders.</param>
    public SegmentLocator(string path, IReadOnlyList<string> secondaryPaths)
    {
        _primary = System.IO.Path.Combine(path, "db");
        var roots = new List<string> { _primary };
        foreach (string secondary in secondaryPaths)
        {
            if (!Directory.Exists(secondary))
            {
                throw new SourceDataException($"{secondary}: secondary path not found");
            }

            // Milvus 1.x puts tables/ directly in a secondary path; a copy made next to the primary may keep db/.
            roots.Add(secondary);
            roots.Add(System.IO.Path.Combine(secondary, "db"));
        }

        _roots = roots;
    }

    /// <summary>The folder that holds <c>&lt;file_id&gt;.rv</c> of the segment.</summary>
    /// <exception cref="SourceDataException">No path holds the raw file.</exception>
    public string Locate(string tableId, string segmentId, string fileId)
    {
        string? existing = null;
        foreach (string root in _roots)
        {
            string folder = System.IO.Path.Combine(root, "tables", tableId, segmentId);
            if (File.Exists(System.IO.Path.Combine(folder, fileId + ".rv")))
            {
                return folder;
            }

            existing ??= Directory.Exists(folder) ? folder : null;
        }

        // A folder without its raw file gets the precise "missing .rv" error from the file checks.
        return existing ?? throw new SourceDataException(
            $"{System.IO.Path.Combine(_primary, "tables", tableId, segmentId)}: segment folder missing (listed in the meta as a raw segment of {tableId}"
            + (_roots.Count > 1 ? "; not under any secondary path either)" : "; set secondary_paths (inspect: --secondary-path) if Milvus had storage.secondary_path)"));
    }
}
