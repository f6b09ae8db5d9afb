using System.Text.Json;
using MilvusDm.Abstractions;

namespace MilvusDm.Tool.State;

/// <summary>
/// The resume ledger of one job: which datasets were prepared and completed, and which row ranges the destination
/// acknowledged. Saved atomically (temporary file, flushed to disk, renamed) so a crash leaves the old or the new
/// version, never half of one. Safe to update from any thread.
/// </summary>
internal sealed class JobLedger
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly TimeSpan SaveInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly LedgerDocument _document;
    private readonly Dictionary<string, RangeSet> _committed = new(StringComparer.Ordinal);
    private DateTime _lastSave = DateTime.MinValue;

    private JobLedger(string path, LedgerDocument document)
    {
        Path = path;
        _document = document;
        foreach ((string name, DatasetLedger dataset) in document.Datasets)
        {
            var ranges = new RangeSet();
            foreach (long[] range in dataset.Committed.Where(r => r.Length == 2 && r[1] > r[0]))
            {
                ranges.Add(new RowRange(range[0], (int)Math.Min(int.MaxValue, range[1] - range[0])));
            }

            _committed[name] = ranges;
        }
    }

    public string Path { get; }

    public bool IsCompleted => _document.Status == "completed";

    public static JobLedger Create(string path, string job, string identity) =>
        new(path, new LedgerDocument { Job = job, Identity = identity });

    /// <summary>Loads a ledger, or returns <c>null</c> when there is none.</summary>
    public static JobLedger? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            LedgerDocument document = JsonSerializer.Deserialize<LedgerDocument>(File.ReadAllText(path), Json)
                ?? throw new JsonException("empty document");
            return new JobLedger(path, document);
        }
        catch (JsonException error)
        {
            throw new ConfigException($"{path}: the resume ledger is unreadable ({error.Message}); run with --restart to start over");
        }
    }

    public DatasetLedger? Find(string dataset)
    {
        lock (_gate)
        {
            return _document.Datasets.GetValueOrDefault(dataset);
        }
    }

    /// <summary>Where a resumed read of <paramref name="dataset"/> starts: the end of its acknowledged prefix.</summary>
    public long ResumeRow(string dataset)
    {
        lock (_gate)
        {
            return _committed.TryGetValue(dataset, out RangeSet? ranges) ? ranges.ContiguousPrefix : 0;
        }
    }

    public void MarkPrepared(string dataset)
    {
        lock (_gate)
        {
            Entry(dataset).Prepared = true;
            SaveLocked();
        }
    }

    public void Commit(string dataset, RowRange range)
    {
        lock (_gate)
        {
            if (!_committed.TryGetValue(dataset, out RangeSet? ranges))
            {
                ranges = _committed[dataset] = new RangeSet();
            }

            ranges.Add(range);
            if (DateTime.UtcNow - _lastSave >= SaveInterval)
            {
                SaveLocked();
            }
        }
    }

    /// <summary>
    /// Records, before rows up to <paramref name="end"/> are handed to the sink, that they may reach the destination
    /// (write-ahead, flushed to disk): for destination-assigned keys this bounds what a resume may duplicate.
    /// </summary>
    public void NoteSent(string dataset, long end)
    {
        lock (_gate)
        {
            DatasetLedger entry = Entry(dataset);
            if (end > entry.SentThrough)
            {
                entry.SentThrough = end;
                SaveLocked();
            }
        }
    }

    /// <summary>
    /// A resumed run re-reads <paramref name="dataset"/> from <paramref name="resumeRow"/>: with destination-assigned
    /// keys, the rows an earlier run handed beyond it may now be stored twice. Returns the total over all resumes.
    /// </summary>
    public long AddMaybeDuplicated(string dataset, long resumeRow)
    {
        lock (_gate)
        {
            DatasetLedger entry = Entry(dataset);
            entry.MaybeDuplicated += Math.Max(0, entry.SentThrough - resumeRow);
            SaveLocked();
            return entry.MaybeDuplicated;
        }
    }

    public void MarkCompleted(string dataset, long rowsRead)
    {
        lock (_gate)
        {
            DatasetLedger entry = Entry(dataset);
            entry.Completed = true;
            entry.RowsRead = rowsRead;
            SaveLocked();
        }
    }

    public void MarkJobCompleted()
    {
        lock (_gate)
        {
            _document.Status = "completed";
            SaveLocked();
        }
    }

    /// <summary>Writes what is known now (e.g. when a run is cancelled).</summary>
    public void Save()
    {
        lock (_gate)
        {
            SaveLocked();
        }
    }

    private DatasetLedger Entry(string dataset)
    {
        if (!_document.Datasets.TryGetValue(dataset, out DatasetLedger? entry))
        {
            entry = _document.Datasets[dataset] = new DatasetLedger();
        }

        return entry;
    }

    private void SaveLocked()
    {
        foreach ((string name, RangeSet ranges) in _committed)
        {
            Entry(name).Committed = ranges.Ranges.Select(r => new[] { r.Start, r.End }).ToList();
        }

        _document.Updated = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        string temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _document, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
        _lastSave = DateTime.UtcNow;
    }
}
