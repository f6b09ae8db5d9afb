using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>A batch on its way to the sink, with its checks (digest, NaN scan) running on another core meanwhile.</summary>
internal sealed record PendingBatch(VectorBatch Batch, Task<BatchCheck> Check);
