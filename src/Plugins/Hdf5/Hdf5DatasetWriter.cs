using System.Runtime.InteropServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5.Format;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>
/// Streams one dataset into <c>&lt;partition&gt;.h5.partial</c>; completing writes the metadata, renames the file into
/// place, writes the re-import job and the manifest entry, and reports the rows as committed.
/// </summary>
internal sealed class Hdf5DatasetWriter : IDatasetWriter
{
    private readonly OutputFile _output;
    private readonly SinkTarget _target;
    private readonly string _metric;
    private readonly Manifest _manifest;
    private readonly VectorFileWriter? _writer;
    private readonly string _temporary;
    private readonly bool _hasIds;
    private readonly ScalarDatasets _scalars;
    private DigestPair _digests;
    private bool _completed;

    public Hdf5DatasetWriter(OutputFile output, SinkTarget target, string metric, Manifest manifest, bool skipped)
    {
        _output = output;
        _target = target;
        _metric = metric;
        _manifest = manifest;
        _temporary = output.Path + ".partial";
        _hasIds = target.Schema.KeyType == KeyType.Int64;
        _scalars = new ScalarDatasets(output.Path, target.Schema.Scalars);
        Skipped = skipped;
        if (skipped)
        {
            return;
        }

        if (target.Schema.KeyType == KeyType.VarChar)
        {
            throw new DestinationException($"{output.Path}: the source has VarChar primary keys; the HDF5 sink writes int64 ids only");
        }

        VectorField vector = target.Schema.Vector;
        (byte[] type, int elementSize, long columns) = vector.Type switch
        {
            VectorType.Float32 => (WrittenDataset.Float32Type, 4, (long)vector.Dim),
            VectorType.Binary => (WrittenDataset.UInt8Type, 1, (long)vector.Dim / 8),
            _ => (WrittenDataset.UInt16Type, 2, (long)vector.Dim),
        };
        var attributes = new List<WrittenAttribute>
        {
            WrittenAttribute.Int64("dimension", vector.Dim),
            WrittenAttribute.Text("metric", metric),
            WrittenAttribute.Text("source", target.Source.Location ?? target.Source.Name),
            WrittenAttribute.Text("vector_type", vector.Type.ToContractName()),
        };
        var datasets = new List<WrittenDataset> { new("embeddings", type, elementSize, 2, columns, attributes) };
        if (_hasIds)
        {
            datasets.Add(new WrittenDataset("ids", WrittenDataset.Int64Type, 8, 1, 1, []));
        }

        datasets.AddRange(_scalars.Datasets());

        Directory.CreateDirectory(Path.GetDirectoryName(output.Path)!);
        _writer = new VectorFileWriter(_temporary, datasets);
    }

    public bool Skipped { get; }

    public async ValueTask WriteAsync(VectorBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using (batch)
        {
            if (_writer is null)
            {
                return;
            }

            if (batch.BytesPerRow != _target.Schema.Vector.BytesPerRow)
            {
                throw new DestinationException($"{_output.Path}: a batch has {batch.BytesPerRow}-byte rows; the dataset's are {_target.Schema.Vector.BytesPerRow}");
            }

            var rows = new Dictionary<string, ReadOnlyMemory<byte>> { ["embeddings"] = batch.Vectors };
            if (_hasIds)
            {
                if (batch.Ids is not { } ids)
                {
                    throw new DestinationException($"{_output.Path}: a batch at row {batch.Ordinal} has no ids though the source declares int64 keys");
                }

                // The contract's ids are host-endian longs; HDF5 'ids' is declared little-endian.
                rows["ids"] = BitConverter.IsLittleEndian
                    ? MemoryMarshal.AsBytes(ids.Span).ToArray()
                    : throw new PlatformNotSupportedException("big-endian hosts are not supported");
            }

            var strings = new Dictionary<string, IReadOnlyList<string?>>(StringComparer.Ordinal);
            _scalars.Add(batch, rows, strings);

            // The rows are hashed on other threads while this one writes them; the batch is released only after both.
            Task<DigestPair> digest = Task.Run(() => BatchDigest.Of(batch), CancellationToken.None);
            try
            {
                _writer.Append(batch.Count, rows, strings);
            }
            finally
            {
                _digests += await digest.ConfigureAwait(false);
            }
        }
    }

    public ValueTask<SinkDatasetResult> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return ValueTask.FromResult(new SinkDatasetResult(_output.Path, 0, Skipped: true));
        }

        _writer.Complete();
        _writer.Dispose();
        File.Move(_temporary, _output.Path, overwrite: true);
        _completed = true;
        File.WriteAllText(_output.JobPath, ReimportJob.Text(_output.Path, _output.Collection, _output.DefaultPartition ? null : _output.Partition, _target.Schema.Vector.Dim, _metric));
        _manifest.Record(new ManifestEntry(
            Path.GetRelativePath(Path.GetDirectoryName(_manifest.PathName)!, _output.Path).Replace('\\', '/'),
            _output.Collection,
            _output.Partition,
            _digests.Rows,
            _target.Schema.Vector.Dim,
            _target.Schema.Vector.Type.ToContractName(),
            _metric,
            _digests.Digest.ToString(),
            _hasIds ? null : _digests.VectorsDigest.ToString(),
            _target.Source.Location ?? _target.Source.Name));

        // The whole file becomes visible at once: report every row as committed only now.
        for (long start = 0; start < _digests.Rows; start += int.MaxValue)
        {
            _target.Committed(new RowRange(start, (int)Math.Min(int.MaxValue, _digests.Rows - start)));
        }

        var properties = new Dictionary<string, string> { ["digest"] = _digests.Digest.ToString(), ["job"] = _output.JobPath };
        return ValueTask.FromResult(new SinkDatasetResult(_output.Path, _digests.Rows, Skipped: false) { Properties = properties });
    }

    public ValueTask DisposeAsync()
    {
        if (_writer is not null && !_completed)
        {
            // An interrupted export leaves no file under the final name; the partial file is removed.
            _writer.Dispose();
            File.Delete(_temporary);
        }

        return ValueTask.CompletedTask;
    }
}
