using MilvusDm.Plugins.Milvus.Source;

namespace MilvusDm.Milvus.TestServer;

/// <summary>Orders primary keys as Milvus does: int64 numerically, VarChar by UTF-8 bytes (Unicode scalar values).</summary>
public sealed class PrimaryKeyComparer : IComparer<object>
{
    public static readonly PrimaryKeyComparer Instance = new();

    public int Compare(object? x, object? y) => (x, y) switch
    {
        (long a, long b) => a.CompareTo(b),
        (string a, string b) => KeyOrder.Compare(a, b),
        _ => throw new ArgumentException($"keys of different types: {x?.GetType().Name} and {y?.GetType().Name}"),
    };
}
