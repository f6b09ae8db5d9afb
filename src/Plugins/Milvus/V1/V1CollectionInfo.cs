using System.Text.Json;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>
/// The <c>json_info</c> of a 1.x <c>ShowCollectionInfo</c>: rows per partition and the persisted segments holding
/// them (<c>{"row_count":N,"partitions":[{"tag":"_default","row_count":N,"segments":[{"name":"…","row_count":N}]}]}</c>;
/// <c>segments</c> is null for an empty partition).
/// </summary>
internal sealed record V1CollectionInfo(long RowCount, IReadOnlyList<V1PartitionInfo> Partitions)
{
    public static V1CollectionInfo Parse(string json, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var partitions = new List<V1PartitionInfo>();
            if (root.TryGetProperty("partitions", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var partition in list.EnumerateArray())
                {
                    var segments = new List<V1SegmentInfo>();
                    if (partition.TryGetProperty("segments", out var segmentList) && segmentList.ValueKind == JsonValueKind.Array)
                    {
                        segments.AddRange(segmentList.EnumerateArray().Select(s => new V1SegmentInfo(
                            s.GetProperty("name").GetString() ?? throw new FormatException("segment without name"),
                            s.GetProperty("row_count").GetInt64())));
                    }

                    partitions.Add(new V1PartitionInfo(
                        partition.GetProperty("tag").GetString() ?? throw new FormatException("partition without tag"),
                        partition.GetProperty("row_count").GetInt64(),
                        segments));
                }
            }

            return new V1CollectionInfo(root.GetProperty("row_count").GetInt64(), partitions);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DestinationException($"{where}: unreadable ShowCollectionInfo answer ({ex.Message})", ex);
        }
    }
}
