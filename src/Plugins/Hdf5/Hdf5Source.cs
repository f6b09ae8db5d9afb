using System.Runtime.CompilerServices;
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
        if (vectorRows.Rows != plan.Rows || (idRows is not null && idRows.Rows != plan.Rows))
        {
            throw new SourceDataException($"{file.Path}: the file changed while it was being read");
        }

        int bytesPerRow = plan.BytesPerRow;
        int batchRows = options.RowsPerBatch(bytesPerRow);
        byte[] raw = new byte[checked(batchRows * vectorRows.RowBytes)];
        byte[] idRaw = idRows is null ? [] : new byte[checked(batchRows * idRows.RowBytes)];
        for (long row = options.StartRow; row < plan.Rows; row += batchRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = (int)Math.Min(batchRows, plan.Rows - row);
            byte[] output = new byte[count * bytesPerRow];
            long[] idValues = count > 0 && idRows is not null ? new long[count] : [];
            long first = row;
            Guarded(file.Path, () =>
            {
                vectorRows.Read(first, count, raw);
                RowDecoder.Vectors(plan, raw, output, count);
                if (idRows is not null)
                {
                    idRows.Read(first, count, idRaw);
                    RowDecoder.Ids(file, ids!.Type, idRaw, idValues, first);
                }

                return 0;
            });

            yield return new VectorBatch(row, count, bytesPerRow, output, idValues);

            // Local reads complete synchronously; yielding keeps a long read from starving the consumer's thread.
            await Task.Yield();
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

            var info = new DatasetInfo(name, DatasetSchema.Of(plan.VectorType, plan.Dim, plan.IdsPath is null ? null : KeyType.Int64, plan.Metric), plan.Rows)
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
