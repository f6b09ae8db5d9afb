using System.Buffers.Binary;

namespace MilvusDm.Tool.Duplicates;

/// <summary>
/// Sorts (key, value) pairs of any number in bounded memory: pairs collect in a buffer of <c>bufferPairs</c>, each full
/// buffer is sorted and spilled to a run file, and <see cref="Sorted"/> merges the runs (k-way, one small read buffer
/// per run). Ordered by key, then value. The run files live in a private temporary folder removed on dispose.
/// </summary>
internal sealed class ExternalPairSorter : IDisposable
{
    public const int DefaultBufferPairs = 2 << 20;
    private const int RecordBytes = 16;

    private readonly (long Key, long Value)[] _buffer;
    private readonly string _folder;
    private readonly List<string> _runs = [];
    private int _buffered;
    private bool _sorting;

    public ExternalPairSorter(int bufferPairs = DefaultBufferPairs, string? temporaryRoot = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferPairs, 2);
        _buffer = new (long, long)[bufferPairs];
        _folder = Path.Combine(temporaryRoot ?? Path.GetTempPath(), $"milvusdm-ids-{Guid.NewGuid():N}");
    }

    /// <summary>Pairs added so far.</summary>
    public long Count { get; private set; }

    /// <summary>Sorted runs spilled to disk so far.</summary>
    public int RunCount => _runs.Count;

    public void Add(long key, long value)
    {
        if (_sorting)
        {
            throw new InvalidOperationException("pairs cannot be added once sorting has begun");
        }

        if (_buffered == _buffer.Length)
        {
            Spill();
        }

        _buffer[_buffered++] = (key, value);
        Count++;
    }

    /// <summary>Every pair, ordered by key then value; the runs are read once, in parallel, with bounded buffers.</summary>
    public IEnumerable<(long Key, long Value)> Sorted()
    {
        _sorting = true;
        Span<(long Key, long Value)> memory = _buffer.AsSpan(0, _buffered);
        memory.Sort(Compare);
        return _runs.Count == 0 ? InMemory(_buffered) : Merge();
    }

    private IEnumerable<(long Key, long Value)> InMemory(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return _buffer[i];
        }
    }

    private IEnumerable<(long Key, long Value)> Merge()
    {
        var readers = _runs.Select(path => new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1), 1 << 16)).ToList();
        try
        {
            var queue = new PriorityQueue<int, (long Key, long Value)>(Comparer<(long Key, long Value)>.Create(Compare));
            var heads = new (long Key, long Value)[readers.Count + 1];
            int memoryIndex = 0;
            for (int i = 0; i < readers.Count; i++)
            {
                if (TryRead(readers[i], out heads[i]))
                {
                    queue.Enqueue(i, heads[i]);
                }
            }

            // The last source is what is still in memory (already sorted).
            int memorySource = readers.Count;
            if (_buffered > 0)
            {
                heads[memorySource] = _buffer[memoryIndex++];
                queue.Enqueue(memorySource, heads[memorySource]);
            }

            while (queue.TryDequeue(out int source, out (long Key, long Value) pair))
            {
                yield return pair;
                bool more;
                if (source == memorySource)
                {
                    more = memoryIndex < _buffered;
                    if (more)
                    {
                        heads[source] = _buffer[memoryIndex++];
                    }
                }
                else
                {
                    more = TryRead(readers[source], out heads[source]);
                }

                if (more)
                {
                    queue.Enqueue(source, heads[source]);
                }
            }
        }
        finally
        {
            foreach (BufferedStream reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private void Spill()
    {
        Directory.CreateDirectory(_folder);
        _buffer.AsSpan(0, _buffered).Sort(Compare);
        string path = Path.Combine(_folder, $"run{_runs.Count:D6}.bin");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> record = stackalloc byte[RecordBytes];
            for (int i = 0; i < _buffered; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(record, _buffer[i].Key);
                BinaryPrimitives.WriteInt64LittleEndian(record[8..], _buffer[i].Value);
                stream.Write(record);
            }
        }

        _runs.Add(path);
        _buffered = 0;
    }

    private static bool TryRead(Stream stream, out (long Key, long Value) pair)
    {
        Span<byte> record = stackalloc byte[RecordBytes];
        if (stream.ReadAtLeast(record, RecordBytes, throwOnEndOfStream: false) < RecordBytes)
        {
            pair = default;
            return false;
        }

        pair = (BinaryPrimitives.ReadInt64LittleEndian(record), BinaryPrimitives.ReadInt64LittleEndian(record[8..]));
        return true;
    }

    private static int Compare((long Key, long Value) left, (long Key, long Value) right)
    {
        int byKey = left.Key.CompareTo(right.Key);
        return byKey != 0 ? byKey : left.Value.CompareTo(right.Value);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the OS cleans its temporary folder.
        }
    }
}
