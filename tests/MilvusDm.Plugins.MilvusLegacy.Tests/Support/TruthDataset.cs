namespace MilvusDm.Plugins.MilvusLegacy.Tests.Support;

/// <summary>One dataset of truth.json: what the fixture builder wrote, after deletions, in reading order.</summary>
internal sealed record TruthDataset(
    string Name,
    string Collection,
    string Partition,
    string TableId,
    int Dim,
    string Metric,
    string VectorType,
    long Rows,
    string Digest,
    string VectorsDigest,
    int IndexFileSizeMb,
    long[] Ids,
    byte[] Vectors,
    string[] SegmentFolders);
