namespace MilvusDm.Milvus.TestServer;

/// <summary>Milvus hybrid timestamps: (unix ms &lt;&lt; 18) | logical, strictly increasing.</summary>
public sealed class HybridClock
{
    private long _last;

    public ulong Next()
    {
        while (true)
        {
            long last = Interlocked.Read(ref _last);
            long candidate = Math.Max(last + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 18);
            if (Interlocked.CompareExchange(ref _last, candidate, last) == last)
            {
                return (ulong)candidate;
            }
        }
    }
}
