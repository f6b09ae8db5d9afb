using System.Runtime.InteropServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Protos.V1;

namespace MilvusDm.Plugins.Milvus.V1;

/// <summary>
/// Fetches the vectors of a chunk of one segment's ids (GetVectorsByID, partition tag given for 1.1 servers) and checks
/// each record: the collection's kind of vector, its exact size, and none missing.
/// </summary>
internal sealed class V1SegmentReader(MilvusV1Client client, string collection, VectorField vector, string where)
{
    /// <summary>Ids per GetVectorsByID call at most, so that one answer stays a few megabytes.</summary>
    public const int MaxIdsPerRequest = 16384;

    public async Task<VectorBatch> ReadAsync(string tag, string segment, long[] ids, long ordinal, CancellationToken ct)
    {
        var request = new VectorsIdentity { CollectionName = collection, PartitionTag = tag };
        request.IdArray.AddRange(ids);
        var records = await client.GetVectorsByIdAsync(request, ct).ConfigureAwait(false);
        if (records.Count != ids.Length)
        {
            throw new DestinationException($"{where}: GetVectorsByID answered {records.Count} records for {ids.Length} ids of segment {segment}");
        }

        int bytesPerRow = vector.BytesPerRow;
        var vectors = new byte[(long)ids.Length * bytesPerRow];
        for (int row = 0; row < ids.Length; row++)
        {
            var record = records[row];
            var target = vectors.AsSpan(row * bytesPerRow, bytesPerRow);
            if (vector.Type == VectorType.Binary && record.BinaryData.Length == bytesPerRow && record.FloatData.Count == 0)
            {
                record.BinaryData.Span.CopyTo(target);
            }
            else if (vector.Type == VectorType.Float32 && record.FloatData.Count == vector.Dim && record.BinaryData.IsEmpty)
            {
                MemoryMarshal.AsBytes(record.FloatData.ToArray().AsSpan()).CopyTo(target);
            }
            else
            {
                throw new DestinationException(record.FloatData.Count == 0 && record.BinaryData.IsEmpty
                    ? $"{where}: id {ids[row]} of segment {segment} has no vector (deleted while reading?)"
                    : $"{where}: id {ids[row]} of segment {segment} came back with {record.FloatData.Count} floats and {record.BinaryData.Length} bytes, not one {vector.Type.ToContractName()} vector of dim {vector.Dim}");
            }
        }

        return new VectorBatch(ordinal, ids.Length, bytesPerRow, vectors, ids);
    }
}
