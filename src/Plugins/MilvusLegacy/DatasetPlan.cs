using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Format;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>A listed dataset and the checked segments its rows come from, in reading order.</summary>
internal sealed record DatasetPlan(DatasetInfo Info, IReadOnlyList<Segment> Segments, int RowBytes);
