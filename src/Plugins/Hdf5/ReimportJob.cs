using System.Globalization;
using System.Text;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>The ready-to-run H2M job written beside each file, in the original tool's key names.</summary>
internal static class ReimportJob
{
    public static string Text(string file, string collection, string? partition, int dim, string metric)
    {
        var yaml = new StringBuilder();
        yaml.Append("# Re-imports ").Append(Path.GetFileName(file)).Append(" into Milvus: milvusdm --yaml <this file>\n");
        yaml.Append("H2M:\n");
        yaml.Append("  data_path:\n");
        yaml.Append("    - ").Append(Quote(file)).Append('\n');
        yaml.Append("  data_dir:\n");
        yaml.Append("  dest_host: '127.0.0.1'\n");
        yaml.Append("  dest_port: 19530\n");
        yaml.Append("  mode: skip\n");
        yaml.Append("  dest_collection_name: ").Append(Quote(collection)).Append('\n');
        yaml.Append("  dest_partition_name: ").Append(partition is null ? "" : Quote(partition)).Append('\n');
        yaml.Append("  collection_parameter:\n");
        yaml.Append("    dimension: ").Append(dim.ToString(CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("    index_file_size: 1024\n");
        yaml.Append("    metric_type: ").Append(Quote(metric)).Append('\n');
        return yaml.ToString();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
