namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>One filter of a filter pipeline: its id, name (when stored), flags and client data.</summary>
internal sealed record FilterDescription(int Id, string? Name, bool Optional, uint[] ClientData)
{
    public const int Deflate = 1;
    public const int Shuffle = 2;
    public const int Fletcher32 = 3;

    public string DisplayName => Id switch
    {
        Deflate => "deflate",
        Shuffle => "shuffle",
        Fletcher32 => "fletcher32",
        4 => "szip",
        5 => "nbit",
        6 => "scaleoffset",
        32000 => "lzf",
        32001 => "blosc",
        32004 => "lz4",
        32008 => "bitshuffle",
        32015 => "zstd",
        _ => Name is { Length: > 0 } name ? name : "unknown",
    };

    public bool Supported => Id is Deflate or Shuffle or Fletcher32;
}
