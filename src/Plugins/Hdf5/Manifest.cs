using System.Text.Json;
using System.Text.Json.Nodes;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>
/// <c>&lt;dir&gt;/manifest.json</c>: every file the sink has written into the folder, updated (atomically, by
/// rename) each time a file is complete; entries from earlier runs for other files are kept.
/// </summary>
internal sealed class Manifest(string dir)
{
    private static readonly JsonSerializerOptions s_options = new() { WriteIndented = true };
    private readonly Lock _lock = new();

    public string PathName => Path.Combine(dir, "manifest.json");

    public void Record(ManifestEntry entry)
    {
        lock (_lock)
        {
            var entries = new List<JsonNode>();
            if (File.Exists(PathName))
            {
                try
                {
                    if (JsonNode.Parse(File.ReadAllText(PathName))?["files"] is JsonArray files)
                    {
                        entries.AddRange(files.Where(f => f?["file"]?.GetValue<string>() != entry.File).Select(f => f!.DeepClone()));
                    }
                }
                catch (JsonException e)
                {
                    throw new DestinationException($"{PathName} exists but is not a manifest this tool wrote: {e.Message}", e);
                }
            }

            entries.Add(JsonSerializer.SerializeToNode(entry, s_options)!);
            var root = new JsonObject
            {
                ["format"] = "milvusdm-hdf5-manifest/1",
                ["files"] = new JsonArray([.. entries.OrderBy(e => e!["file"]!.GetValue<string>(), StringComparer.Ordinal)]),
            };
            string temporary = PathName + ".partial";
            File.WriteAllText(temporary, root.ToJsonString(s_options) + "\n");
            File.Move(temporary, PathName, overwrite: true);
        }
    }
}
