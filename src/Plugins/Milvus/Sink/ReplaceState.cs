using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>
/// One destination of mode replace during a job: the staging collection the job's datasets are written into, what
/// the name served before, and what was written (rows and, for <c>verify: digest</c>, their digest).
/// </summary>
internal sealed class ReplaceState(string name, string staging, LiveTarget live, string lastDataset, bool resumed)
{
    private readonly object _gate = new();
    private DigestPair _written;
    private bool _allKeyed = true;

    /// <summary>The name readers use (becomes an alias).</summary>
    public string Name { get; } = name;

    public string Staging { get; } = staging;

    public LiveTarget Live { get; } = live;

    /// <summary>The dataset whose completion publishes the staging collection (the last one planned for this name).</summary>
    public string LastDataset { get; } = lastDataset;

    /// <summary>The staging collection was found from an interrupted run (<c>--resume</c>): its earlier rows were not digested here.</summary>
    public bool Resumed { get; } = resumed;

    /// <summary>The staging collection exists on the server (created, or found when resuming).</summary>
    public bool Created { get; set; }

    /// <summary>The staging collection already is what the name serves (an interrupted run got past the switch).</summary>
    public bool AlreadyLive => Live.Collection == Staging;

    public DigestPair Written
    {
        get
        {
            lock (_gate)
            {
                return _written;
            }
        }
    }

    /// <summary>Whether every row written carried its key (else only vectors digests are comparable).</summary>
    public bool AllKeyed
    {
        get
        {
            lock (_gate)
            {
                return _allKeyed;
            }
        }
    }

    public void Add(DigestPair digest, bool keyed)
    {
        lock (_gate)
        {
            _written += digest;
            _allKeyed &= keyed;
        }
    }
}
