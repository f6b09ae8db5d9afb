using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>A dataset's object header decoded: shape, element type, layout, filters and attributes.</summary>
internal sealed class Hdf5Dataset
{
    private Hdf5Dataset(Hdf5File file, string path, ObjectHeader header, Dataspace space, Datatype type, DataLayout layout, FilterPipeline filters)
    {
        File = file;
        Path = path;
        Header = header;
        Space = space;
        Type = type;
        Layout = layout;
        Filters = filters;
    }

    public Hdf5File File { get; }

    public string Path { get; }

    public ObjectHeader Header { get; }

    public Dataspace Space { get; }

    public Datatype Type { get; }

    public DataLayout Layout { get; }

    public FilterPipeline Filters { get; }

    public int Rank => Space.Rank;

    public long Rows => Rank == 0 ? 1 : checked((long)Space.Dims[0]);

    /// <summary>Elements per row: the second dimension of a 2-D dataset, 1 for a 1-D one.</summary>
    public long Columns => Rank > 1 ? checked((long)Space.Dims[1]) : 1;

    public long RowBytes => checked(Columns * Type.Size);

    public static bool IsDataset(ObjectHeader header) => header.Find(HeaderMessage.Layout) is not null;

    public static Hdf5Dataset Open(Hdf5File file, string path, ObjectHeader header)
    {
        HeaderMessage Need(int type, string what) =>
            header.Find(type) ?? throw new SourceDataException($"{file.Path}: dataset '{path}' has no {what} message");

        var space = Dataspace.Parse(Need(HeaderMessage.Dataspace, "dataspace").Cursor(file, "dataspace message"));
        var type = Datatype.Parse(Need(HeaderMessage.Datatype, "datatype").Cursor(file, "datatype message"));
        var layout = DataLayout.Parse(Need(HeaderMessage.Layout, "data layout").Cursor(file, "data layout message"));
        FilterPipeline filters = header.Find(HeaderMessage.FilterPipeline) is { } pipeline
            ? FilterPipeline.Parse(pipeline.Cursor(file, "filter pipeline message"))
            : FilterPipeline.None;
        if (header.Find(HeaderMessage.ExternalFiles) is not null)
        {
            throw new SourceDataException($"{file.Path}: dataset '{path}' keeps its data in external files, which is not supported");
        }

        var dataset = new Hdf5Dataset(file, path, header, space, type, layout, filters);
        try
        {
            _ = checked(dataset.Rows * dataset.RowBytes);
        }
        catch (OverflowException)
        {
            throw new SourceDataException($"{file.Path}: dataset '{path}' has an impossible shape ({string.Join(", ", space.Dims)}) of {type.Size}-byte elements");
        }

        return dataset;
    }

    public IReadOnlyList<AttributeMessage> Attributes() => ObjectAttributes.Read(File, Header);

    public RowReader OpenRows()
    {
        if (Rank is < 1 or > 2)
        {
            throw new SourceDataException($"{File.Path}: dataset '{Path}' has {Rank} dimensions; only 1-D and 2-D datasets can be read as rows");
        }

        return new RowReader(this);
    }
}
