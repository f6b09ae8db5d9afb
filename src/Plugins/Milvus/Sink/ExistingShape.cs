namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>What the writer needs to know about the collection it writes into.</summary>
internal sealed record ExistingShape(string KeyName, string VectorName, bool AutoId, bool HasIndex, bool Loaded);
