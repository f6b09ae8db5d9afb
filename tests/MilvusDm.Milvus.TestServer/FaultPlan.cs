namespace MilvusDm.Milvus.TestServer;

/// <summary>
/// Which calls fail and how: a share of the calls to <see cref="Methods"/> fail with one of <see cref="Kinds"/>
/// (seeded, so runs are repeatable). <see cref="MaxFaults"/> bounds the total so a job can finish.
/// </summary>
public sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly Random _random;
    private int _injected;

    public FaultPlan(double share, IReadOnlyList<FaultKind> kinds, int seed = 12345)
    {
        Share = share;
        Kinds = kinds;
        _random = new Random(seed);
    }

    public double Share { get; }

    public IReadOnlyList<FaultKind> Kinds { get; }

    public IReadOnlySet<string> Methods { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "Insert", "Upsert" };

    public int MaxFaults { get; init; } = int.MaxValue;

    public TimeSpan Delay { get; init; }

    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Switches injection on and off while the server runs (e.g. healthy while a test sets up data).</summary>
    public bool Enabled { get; set; } = true;

    public FaultKind? Next(string method)
    {
        if (!Enabled || !Methods.Contains(method) || Kinds.Count == 0)
        {
            return null;
        }

        lock (_gate)
        {
            if (_injected >= MaxFaults || _random.NextDouble() >= Share)
            {
                return null;
            }

            _injected++;
            return Kinds[_random.Next(Kinds.Count)];
        }
    }
}
