using System.Globalization;
using System.Runtime.InteropServices;
using MilvusDm.Abstractions;

namespace CsvPlugin;

/// <summary>Appends batches to a temporary file; <see cref="CompleteAsync"/> renames it into place.</summary>
public sealed class CsvDatasetWriter : IDatasetWriter
{
    private readonly string _file;
    private readonly string _temporary;
    private readonly StreamWriter? _writer;
    private long _rows;

    public CsvDatasetWriter(string file, bool skipped)
    {
        _file = file;
        _temporary = file + ".partial";
        Skipped = skipped;
        _writer = skipped ? null : new StreamWriter(_temporary, append: false);
    }

    public bool Skipped { get; }

    public async ValueTask WriteAsync(VectorBatch batch, CancellationToken cancellationToken)
    {
        using (batch)
        {
            ReadOnlyMemory<float> values = MemoryMarshal.Cast<byte, float>(batch.Vectors.Span).ToArray();
            int dim = batch.BytesPerRow / sizeof(float);
            for (int row = 0; row < batch.Count; row++)
            {
                string id = batch.Ids is { } ids ? ids.Span[row].ToString(CultureInfo.InvariantCulture) + "," : "";
                string vector = string.Join(',', values.Slice(row * dim, dim).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
                await _writer!.WriteLineAsync((id + vector).AsMemory(), cancellationToken);
            }

            _rows += batch.Count;
        }
    }

    public async ValueTask<SinkDatasetResult> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync(cancellationToken);
            await _writer.DisposeAsync();
            File.Move(_temporary, _file, overwrite: true);
        }

        return new SinkDatasetResult(_file, _rows, Skipped);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
