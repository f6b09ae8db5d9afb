namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Where a dataset's raw data lives.</summary>
internal enum LayoutClass
{
    Compact = 0,
    Contiguous = 1,
    Chunked = 2,
    Virtual = 3,
}
