using System.Globalization;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>One row read back through the Milvus source, as comparable text: key, vector bytes, every scalar.</summary>
internal sealed record CopiedRow(string Key, string Vector, string Scalars)
{
    /// <summary>Every row through the Milvus source as comparable text, in the order the iterator returns them, and the digest.</summary>
    public static async Task<(List<CopiedRow> Rows, DigestPair Digest)> ReadAllAsync(string uri, string collection, TestLog log, IReadOnlyDictionary<string, string>? env = null)
    {
        await using var source = Jobs.Source(uri, $"collections: [{collection}]\nper_partition: false\n", log, env);
        var dataset = (await source.ListDatasetsAsync(CancellationToken.None)).Single();
        var rows = new List<CopiedRow>();
        var digest = default(DigestPair);
        await foreach (var batch in source.ReadAsync(dataset, new ReadOptions { MaxBatchBytes = 200 }, CancellationToken.None))
        {
            using (batch)
            {
                digest += RowDigester.Digest(batch);
                for (int i = 0; i < batch.Count; i++)
                {
                    string key = batch.StringIds?[i] ?? batch.Ids!.Value.Span[i].ToString(CultureInfo.InvariantCulture);
                    var scalars = batch.Scalars.Select(c => $"{c.Field.Name}=" + (c.Nulls?[i] == true ? "null" : Text(c.Values.GetValue(i))));
                    rows.Add(new CopiedRow(key, Convert.ToHexString(batch.VectorAt(i)), string.Join(';', scalars)));
                }
            }
        }

        return (rows, digest);
    }

    private static string Text(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
