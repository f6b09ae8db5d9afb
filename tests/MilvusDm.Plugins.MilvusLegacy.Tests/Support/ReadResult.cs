using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Support;

/// <summary>Every row a source streamed for one dataset, and the batches' digest.</summary>
internal sealed record ReadResult(long[] Ids, byte[] Vectors, DigestPair Digests, int Batches);
