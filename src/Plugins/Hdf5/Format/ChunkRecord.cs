namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>One stored chunk: its position in the chunk grid, where it is, its stored size and skipped filters.</summary>
internal readonly record struct ChunkRecord(long Row, long Column, ulong Address, ulong StoredSize, uint FilterMask);
