using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MilvusDm.Abstractions;

namespace CsvPlugin;

/// <summary>Streams a CSV file line by line into columnar batches; never holds the whole file.</summary>
public sealed class CsvSource(string path, bool hasIds, string metric) : IVectorSource
{
    public async ValueTask<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new SourceDataException($"{path}: no such file");
        }

        // One pass to count rows and learn the dimension: the plan shows sizes before anything is written.
        long rows = 0;
        int dim = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            int columns = line.Split(',').Length - (hasIds ? 1 : 0);
            if (dim == 0)
            {
                dim = columns;
            }
            else if (columns != dim)
            {
                throw new SourceDataException($"{path}: line {rows + 1} has {columns} values; earlier lines have {dim}");
            }

            rows++;
        }

        if (dim <= 0)
        {
            throw new SourceDataException($"{path}: no vectors");
        }

        var schema = DatasetSchema.Of(VectorType.Float32, dim, hasIds ? KeyType.Int64 : null, metric);
        return [new DatasetInfo(Path.GetFileName(path), schema, rows) { SuggestedCollection = Path.GetFileNameWithoutExtension(path), Location = path }];
    }

    public async IAsyncEnumerable<VectorBatch> ReadAsync(DatasetInfo dataset, ReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int dim = dataset.Schema.Vector.Dim;
        int rowsPerBatch = options.RowsPerBatch(dataset.Schema.Vector.BytesPerRow);
        var ids = new List<long>(rowsPerBatch);
        var values = new List<float>(rowsPerBatch * dim);
        long ordinal = -1;
        long first = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (++ordinal < options.StartRow)
            {
                continue;
            }

            if (values.Count == 0)
            {
                first = ordinal;
            }

            string[] parts = line.Split(',');
            int offset = hasIds ? 1 : 0;
            if (hasIds)
            {
                ids.Add(long.Parse(parts[0], CultureInfo.InvariantCulture));
            }

            for (int i = offset; i < parts.Length; i++)
            {
                values.Add(float.Parse(parts[i], CultureInfo.InvariantCulture));
            }

            if (values.Count == rowsPerBatch * dim)
            {
                yield return Batch(first, ids, values, dim);
            }
        }

        if (values.Count > 0)
        {
            yield return Batch(first, ids, values, dim);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private VectorBatch Batch(long first, List<long> ids, List<float> values, int dim)
    {
        byte[] block = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(values)).ToArray();
        var batch = new VectorBatch(first, values.Count / dim, dim * sizeof(float), block, hasIds ? ids.ToArray() : default(ReadOnlyMemory<long>));
        ids.Clear();
        values.Clear();
        return batch;
    }
}
