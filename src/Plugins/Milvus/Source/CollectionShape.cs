using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Source;

/// <summary>What the reader needs to know about one source collection.</summary>
internal sealed record CollectionShape(string Collection, long CollectionId, FieldSchema PrimaryKey, FieldSchema Vector, IReadOnlyList<FieldSchema> Scalars);
