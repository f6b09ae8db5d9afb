using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>A scalar field stored beside the vectors: its dataset and, for a nullable field, the validity dataset.</summary>
internal sealed record ScalarPlan(ScalarField Field, string Path, string? ValidPath);
