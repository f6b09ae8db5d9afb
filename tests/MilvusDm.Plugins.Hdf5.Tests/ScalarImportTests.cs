using System.Text.Json;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>
/// Scalar fields in the group 'scalars' (as the sink writes them) come back from the source as typed columns; the
/// fixture is written by h5py and expected.json holds the values h5py reads.
/// </summary>
public sealed class ScalarImportTests
{
    [Fact]
    public async Task Scalar_datasets_written_by_h5py_read_back_as_columns_with_nulls()
    {
        await using var source = new Hdf5Source([Fixtures.PathOf("scalars_group")], null, null);
        IReadOnlyList<DatasetInfo> datasets = await source.ListDatasetsAsync(CancellationToken.None);
        DatasetSchema schema = datasets[0].Schema;
        Assert.Equal(
            [new ScalarField("age", ScalarType.Int32, null, true), new ScalarField("flag", ScalarType.Bool), new ScalarField("meta", ScalarType.Json),
             new ScalarField("name", ScalarType.VarChar, 32), new ScalarField("score", ScalarType.Double)],
            schema.Scalars);

        var columns = schema.Scalars.ToDictionary(f => f.Name, _ => new List<object?>());
        var nulls = new List<bool>();
        await foreach (VectorBatch batch in source.ReadAsync(datasets[0], new ReadOptions { MaxBatchBytes = 5 * 16 }, CancellationToken.None))
        {
            using (batch)
            {
                foreach (ScalarColumn column in batch.Scalars)
                {
                    columns[column.Field.Name].AddRange(column.Values.Cast<object?>());
                    if (column.Field.Name == "age")
                    {
                        nulls.AddRange(column.Nulls!);
                    }
                }
            }
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.Directory, "expected.json")));
        JsonElement expected = doc.RootElement.GetProperty("fixtures").GetProperty("scalars_group").GetProperty("scalars");
        Assert.Equal(Values(expected, "flag", e => (object?)e.GetBoolean()), columns["flag"]);
        Assert.Equal(Values(expected, "age", e => (object?)e.GetInt32()), columns["age"]);
        Assert.Equal(Values(expected, "score", e => (object?)e.GetDouble()), columns["score"]);
        Assert.Equal(Values(expected, "name", e => (object?)e.GetString()), columns["name"]);
        Assert.Equal(Values(expected, "meta", e => (object?)e.GetString()), columns["meta"]);
        Assert.Equal(expected.GetProperty("age").GetProperty("valid").EnumerateArray().Select(v => !v.GetBoolean()), nulls);
    }

    private static List<object?> Values(JsonElement expected, string name, Func<JsonElement, object?> read) =>
        [.. expected.GetProperty(name).GetProperty("values").EnumerateArray().Select(read)];
}
