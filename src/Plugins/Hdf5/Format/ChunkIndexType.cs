namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>How a chunked dataset finds its chunks: the v1 B-tree of layout v3, or one of layout v4's indexes.</summary>
internal enum ChunkIndexType
{
    V1BTree = 0,
    SingleChunk = 1,
    Implicit = 2,
    FixedArray = 3,
    ExtensibleArray = 4,
    V2BTree = 5,
}
