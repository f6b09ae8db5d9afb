using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5.Format;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>HDF5 files as datasets, one per file, streamed batch by batch in the order given.</summary>
internal sealed class Hdf5Source(IReadOnlyList<string> files, string? vectorsDataset, string? idsDataset) : IVectorSource
{
    private List<(DatasetInfo Info, VectorPlan Plan)>? _datasets;

    public ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken)
    {
        return ValueTask.FromResult<IReadOnlyList<DatasetInfo>>([.. Datasets(cancellationToken).Select(d => d.Info)]);
    }

    public async IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        (DatasetInfo info, VectorPlan plan) = Datasets(cancellationToken).FirstOrDefault(d => d.Info.Name == dataset.Name);
        if (info is null)
        {
            throw new ArgumentException($"This source has no dataset '{dataset.Name}'.", nameof(dataset));
        }

        using Hdf5File file = Hdf5File.Open(info.Location!);
        Hdf5Dataset vectors = VectorPlanner.OpenDataset(file, plan.VectorsPath);
        RowReader vectorRows = vectors.OpenRows();
        Hdf5Dataset? ids = plan.IdsPath is null ? null : VectorPlanner.OpenDataset(file, plan.IdsPath);
        RowReader? idRows = ids?.OpenRows();
        var scalarRows = new ScalarReader(file, plan.Scalars);
        if (vectorRows.Rows != plan.Rows || (idRows is not null && idRows.Rows != plan.Rows))
        {
            throw new SourceDataException($"{file.Path}: the file changed while it was being read");
        }

        int bytesPerRow = plan.BytesPerRow;
        int batchRows = options.RowsPerBatch(bytesPerRow);

        // Stored bytes that already are contract bytes (little-endian float32/float16, uint8, int64 ids) are read
        // straight into the batch; the others through one staging buffer reused for every batch.
        bool directVectors = RowDecoder.IsVerbatim(plan);
        bool directIds = ids is not null && RowDecoder.IsVerbatimId(ids.Type);
        byte[] raw = directVectors ? [] : new byte[checked(batchRows * vectorRows.RowBytes)];
        byte[] idRaw = idRows is null || directIds ? [] : new byte[checked(batchRows * idRows.RowBytes)];
        for (long row = options.StartRow; row < plan.Rows; row += batchRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = (int)Math.Min(batchRows, plan.Rows - row);
            byte[] output = ArrayPool<byte>.Shared.Rent(count * bytesPerRow);
            long[]? idValues = idRows is null ? null : ArrayPool<long>.Shared.Rent(count);
            IReadOnlyList<ScalarColumn>? scalars = null;
            long first = row;
            try
            {
                Guarded(file.Path, () =>
                {
                    Span<byte> vectorBytes = output.AsSpan(0, count * bytesPerRow);
                    if (directVectors)
                    {
                        vectorRows.Read(first, count, vectorBytes);
                    }
                    else
                    {
                        vectorRows.Read(first, count, raw);
                        RowDecoder.Vectors(plan, raw, vectorBytes, count);
                    }

                    if (idRows is not null)
                    {
                        Span<long> idSpan = idValues.AsSpan(0, count);
                        if (directIds)
                        {
                            idRows.Read(first, count, MemoryMarshal.AsBytes(idSpan));
                        }
                        else
                        {
                            idRows.Read(first, count, idRaw);
                            RowDecoder.Ids(file, ids!.Type, idRaw, idSpan, first);
                        }
                    }

                    scalars = scalarRows.Read(first, count);
                    return 0;
                });
            }
            catch
            {
                Return(output, idValues);
                throw;
            }

            ReadOnlyMemory<long> idBlock = idValues is null ? default : idValues.AsMemory(0, count);
            yield return new VectorBatch(row, count, bytesPerRow, output.AsMemory(0, count * bytesPerRow), idBlock, null, scalars, release: () => Return(output, idValues));

            // Local reads complete synchronously; yielding keeps a long read from starving the consumer's thread.
            await Task.Yield();
        }
    }

    private static void Return(byte[] vectors, long[]? ids)
    {
        ArrayPool<byte>.Shared.Return(vectors);
        if (ids is not null)
        {
            ArrayPool<long>.Shared.Return(ids);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The format code checks what it reads; this net turns any arithmetic or range fault a corrupt file still
    /// provokes into the source-data error the contract expects, naming the file.
    /// </summary>
    private static T Guarded<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is OverflowException or IndexOutOfRangeException or ArgumentException or InvalidCastException or OutOfMemoryException)
        {
            throw new SourceDataException($"{path}: the HDF5 structures are inconsistent (corrupt file?): {e.Message}", e);
        }
    }

    private List<(DatasetInfo Info, VectorPlan Plan)> Datasets(CancellationToken cancellationToken)
    {
        if (_datasets is not null)
        {
            return _datasets;
        }

        var datasets = new List<(DatasetInfo, VectorPlan)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VectorPlan plan = Guarded(path, () =>
            {
                using Hdf5File file = Hdf5File.Open(path);
                return VectorPlanner.Plan(file, vectorsDataset, idsDataset);
            });
            string name = Path.GetFileName(path);

            // Two files of the same name from different folders stay distinct datasets.
            if (!names.Add(name))
            {
                name = path;
                names.Add(name);
            }

            var schema = new DatasetSchema(new VectorField("embedding", plan.VectorType, plan.Dim), plan.IdsPath is null ? null : KeyType.Int64, plan.Metric, [.. plan.Scalars.Select(s => s.Field)]);
            var info = new DatasetInfo(name, schema, plan.Rows)
            {
                SuggestedCollection = Path.GetFileNameWithoutExtension(path),
                Location = path,
                Properties = new Dictionary<string, string>
                {
                    ["vectors_dataset"] = plan.VectorsPath,
                    ["stored_type"] = plan.StoredType,
                    ["ids_dataset"] = plan.IdsPath ?? "",
                },
            };
            datasets.Add((info, plan));
        }

        _datasets = datasets;
        return datasets;
    }
}
