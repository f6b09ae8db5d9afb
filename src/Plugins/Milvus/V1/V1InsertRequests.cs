using System.Runtime.InteropServices;
using Google.Protobuf;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.V1;

namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>Rows of a batch as a 1.x InsertParam: one RowRecord per vector (float_data or binary_data) and row_id_array.</summary>
internal static class V1InsertRequests
{
    /// <summary>Bytes one row adds to an InsertParam, measured on the batch's first row (record, its framing, one id).</summary>
    public static int BytesPerRow(VectorBatch batch, bool binary) => Record(batch, 0, binary).CalculateSize() + 4 + 10;

    public static InsertParam Build(VectorBatch batch, int start, int count, V1WriteSettings settings)
    {
        var request = new InsertParam { CollectionName = settings.Collection, PartitionTag = settings.Tag };
        for (int row = start; row < start + count; row++)
        {
            request.RowRecordArray.Add(Record(batch, row, settings.Binary));
        }

        if (settings.SendIds)
        {
            var ids = batch.Ids ?? throw new InvalidOperationException($"batch at row {batch.Ordinal} carries no int64 ids but the destination takes the source's ids");
            request.RowIdArray.AddRange(ids.Span.Slice(start, count).ToArray());
        }

        return request;
    }

    /// <summary>The first or second half of a request, for a server that refused it as too large.</summary>
    public static InsertParam Half(InsertParam request, bool first)
    {
        int half = request.RowRecordArray.Count / 2;
        int start = first ? 0 : half;
        int count = first ? half : request.RowRecordArray.Count - half;
        var part = new InsertParam { CollectionName = request.CollectionName, PartitionTag = request.PartitionTag };
        part.RowRecordArray.AddRange(request.RowRecordArray.Skip(start).Take(count));
        part.RowIdArray.AddRange(request.RowIdArray.Skip(start).Take(request.RowIdArray.Count == 0 ? 0 : count));
        return part;
    }

    private static RowRecord Record(VectorBatch batch, int row, bool binary)
    {
        var vector = batch.VectorAt(row);
        var record = new RowRecord();
        if (binary)
        {
            record.BinaryData = ByteString.CopyFrom(vector);
        }
        else
        {
            // Vector blocks are little-endian float32 (contract), as .NET is on every supported target.
            record.FloatData.AddRange(MemoryMarshal.Cast<byte, float>(vector).ToArray());
        }

        return record;
    }
}
