using MilvusDm.Abstractions;

namespace MilvusDm.Tool.Pipeline;

/// <summary>One dataset of a job: what is read, what the sink is asked to prepare, and what it says it will do.</summary>
internal sealed record DatasetPlan(DatasetInfo Dataset, SinkTarget Target, SinkPlan Plan, bool AssignIds);
