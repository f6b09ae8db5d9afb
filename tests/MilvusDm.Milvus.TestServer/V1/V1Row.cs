using MilvusDm.Plugins.Milvus.Protos.V1;

namespace MilvusDm.Milvus.TestServer.V1;

/// <summary>One stored vector of a 1.x collection: its id and the record as inserted.</summary>
public sealed record V1Row(long Id, RowRecord Record);
