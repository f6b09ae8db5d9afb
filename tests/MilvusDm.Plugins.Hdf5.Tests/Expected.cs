namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>One entry of tests/TestData/hdf5/expected.json: what h5py read from the fixture.</summary>
internal sealed record Expected(
    string Name,
    string File,
    bool Supported,
    string? VectorsDataset,
    long Rows,
    int Dim,
    string? VectorType,
    string? Metric,
    bool HasIds,
    long[]? IdSamples,
    string? VectorsSha256,
    byte[]? Vectors,
    byte[]? FirstRow,
    string? Digest,
    string? VectorsDigest,
    string? Reason);
