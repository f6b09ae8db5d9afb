using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>Where a dataset goes: <c>&lt;dir&gt;/&lt;collection&gt;/&lt;partition&gt;.h5</c>.</summary>
internal sealed record OutputFile(string Path, string Collection, string Partition, bool DefaultPartition)
{
    public const string DefaultPartitionName = "_default";

    public string JobPath => System.IO.Path.ChangeExtension(Path, ".yaml");

    public static OutputFile For(string dir, SinkTarget target)
    {
        DatasetInfo source = target.Source;
        string collection = source.SuggestedCollection ?? source.Collection ?? source.Name;
        string partition = string.IsNullOrEmpty(source.Partition) ? DefaultPartitionName : source.Partition;
        Check(collection, "collection");
        Check(partition, "partition");

        // A partition tag containing '/' becomes nested folders, as in the original tool.
        string path = System.IO.Path.Combine(dir, collection, partition + ".h5");
        return new OutputFile(path, collection, partition, partition == DefaultPartitionName);
    }

    private static void Check(string name, string what)
    {
        if (name.Length == 0 || name.Split('/', '\\').Any(part => part is "" or "." or ".."))
        {
            throw new DestinationException($"{what} name '{name}' cannot be used as a file name");
        }
    }
}
