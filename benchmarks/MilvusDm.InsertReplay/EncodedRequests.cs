using System.Runtime.InteropServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;
using ScalarField = MilvusDm.Plugins.Milvus.Protos.Schema.ScalarField;
using VectorField = MilvusDm.Plugins.Milvus.Protos.Schema.VectorField;

namespace MilvusDm.InsertReplay;

/// <summary>
/// Every row of a Faiss flat index as framed Insert requests of a fixed row count, with keys 0..n-1 (what milvusdm
/// sends for a Faiss file without ids), columns shaped like milvusdm's: <c>id</c> Int64, <c>embedding</c> FloatVector.
/// </summary>
internal sealed record EncodedRequests(List<byte[]> Frames, long Rows, int Dim, long Bytes)
{
    public static async Task<EncodedRequests> ReadAsync(string indexPath, string collection, int requestRows)
    {
        await using IVectorSource source = new FaissPlugin().TryOpenForInspect(new InspectRequest(indexPath), new PluginContext(QuietLog.Instance))
            ?? throw new InvalidOperationException($"the Faiss plugin does not read {indexPath}");
        DatasetInfo dataset = (await source.ListDatasetsAsync(CancellationToken.None).ConfigureAwait(false))[0];
        int dim = dataset.Schema.Vector.Dim;
        var frames = new List<byte[]>();
        var pending = new List<float>(requestRows * dim);
        long rows = 0, bytes = 0, firstKey = 0;
        void Flush()
        {
            var request = Request(collection, dim, firstKey, pending);
            frames.Add(H2cUnaryClient.Frame(request));
            bytes += frames[^1].Length;
            firstKey += pending.Count / dim;
            pending.Clear();
        }

        var options = new ReadOptions { MaxBatchBytes = 4 << 20 };
        await foreach (VectorBatch batch in source.ReadAsync(dataset, options, CancellationToken.None).ConfigureAwait(false))
        {
            using (batch)
            {
                ReadOnlySpan<float> values = MemoryMarshal.Cast<byte, float>(batch.Vectors.Span);
                for (int row = 0; row < batch.Count; row++)
                {
                    pending.AddRange(values.Slice(row * dim, dim));
                    if (pending.Count == requestRows * dim)
                    {
                        Flush();
                    }
                }

                rows += batch.Count;
            }
        }

        if (pending.Count > 0)
        {
            Flush();
        }

        return new EncodedRequests(frames, rows, dim, bytes);
    }

    private static InsertRequest Request(string collection, int dim, long firstKey, List<float> vectors)
    {
        int rows = vectors.Count / dim;
        var keys = new LongArray();
        for (long key = firstKey; key < firstKey + rows; key++)
        {
            keys.Data.Add(key);
        }

        var floats = new FloatArray();
        floats.Data.AddRange(vectors);
        var request = new InsertRequest { CollectionName = collection, NumRows = (uint)rows };
        request.FieldsData.Add(new FieldData { FieldName = "id", Type = DataType.Int64, Scalars = new ScalarField { LongData = keys } });
        request.FieldsData.Add(new FieldData { FieldName = "embedding", Type = DataType.FloatVector, Vectors = new VectorField { Dim = dim, FloatVector = floats } });
        return request;
    }
}
