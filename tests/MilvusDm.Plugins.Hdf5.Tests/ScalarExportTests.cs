using System.Text.Json;
using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>Scalar fields written by the sink as datasets of the group 'scalars', read back by real h5py and h5dump.</summary>
public sealed class ScalarExportTests
{
    private static readonly PluginContext s_context = new(new TestLog());

    private static readonly ScalarField[] s_fields =
    [
        new("flag", ScalarType.Bool),
        new("tiny", ScalarType.Int8),
        new("small", ScalarType.Int16),
        new("count", ScalarType.Int32, Nullable: true),
        new("big", ScalarType.Int64),
        new("ratio", ScalarType.Float),
        new("score", ScalarType.Double),
        new("title", ScalarType.VarChar, MaxLength: 64, Nullable: true),
        new("meta", ScalarType.Json),
    ];

    [Fact]
    public async Task Every_scalar_type_reads_back_in_h5py_with_its_values_type_and_null_mask()
    {
        using var temp = new TempDirectory();
        string file = await Export(temp.Path, s_fields, [Batch(0, 4), Batch(4, 3)]);

        JsonElement h5py = ReferenceTools.H5pyReadBack(file);
        Assert.Equal(["embeddings", "ids", "scalars"], h5py.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        JsonElement scalars = h5py.GetProperty("scalars");
        Assert.Equal(
            ["big", "count", "count.valid", "flag", "meta", "ratio", "score", "small", "tiny", "title", "title.valid"],
            scalars.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        Assert.Equal("|b1", scalars.GetProperty("flag").GetProperty("dtype").GetString());
        Assert.Equal("|i1", scalars.GetProperty("tiny").GetProperty("dtype").GetString());
        Assert.Equal("<i2", scalars.GetProperty("small").GetProperty("dtype").GetString());
        Assert.Equal("<i4", scalars.GetProperty("count").GetProperty("dtype").GetString());
        Assert.Equal("<i8", scalars.GetProperty("big").GetProperty("dtype").GetString());
        Assert.Equal("<f4", scalars.GetProperty("ratio").GetProperty("dtype").GetString());
        Assert.Equal("<f8", scalars.GetProperty("score").GetProperty("dtype").GetString());
        Assert.Equal("str", scalars.GetProperty("title").GetProperty("dtype").GetString());
        Assert.Equal("str", scalars.GetProperty("meta").GetProperty("dtype").GetString());

        int[] rows = [.. Enumerable.Range(0, 7)];
        Assert.Equal(rows.Select(r => r % 3 == 0), Values(scalars, "flag", e => e.GetBoolean()));
        Assert.Equal(rows.Select(r => (long)(sbyte)(r * 37)), Values(scalars, "tiny", e => e.GetInt64()));
        Assert.Equal(rows.Select(r => (long)(short)(-r * 1000)), Values(scalars, "small", e => e.GetInt64()));
        Assert.Equal(rows.Select(r => r % 2 == 0 ? r * 100_000L : 0), Values(scalars, "count", e => e.GetInt64()));
        Assert.Equal(rows.Select(r => r % 2 == 0), Values(scalars, "count.valid", e => e.GetBoolean()));
        Assert.Equal(rows.Select(r => long.MaxValue - r), Values(scalars, "big", e => e.GetInt64()));
        Assert.Equal(rows.Select(r => (double)(r / 3f)), Values(scalars, "ratio", e => e.GetDouble()));
        Assert.Equal(rows.Select(r => Math.PI * r), Values(scalars, "score", e => e.GetDouble()));
        Assert.Equal(rows.Select(r => Title(r) ?? ""), Values(scalars, "title", e => e.GetString()));
        Assert.Equal(rows.Select(r => Title(r) is not null), Values(scalars, "title.valid", e => e.GetBoolean()));
        Assert.Equal(rows.Select(Meta), Values(scalars, "meta", e => e.GetString()));

        JsonElement titleAttrs = scalars.GetProperty("title").GetProperty("attrs");
        Assert.Equal("VarChar", titleAttrs.GetProperty("milvus_type").GetString());
        Assert.Equal(64, titleAttrs.GetProperty("max_length").GetInt64());
        Assert.Equal("Json", scalars.GetProperty("meta").GetProperty("attrs").GetProperty("milvus_type").GetString());
        Assert.Equal("count", scalars.GetProperty("count.valid").GetProperty("attrs").GetProperty("field").GetString());

        // libhdf5's own tool parses every structure and prints the strings.
        string dump = ReferenceTools.H5dump(file, "/scalars/title");
        Assert.Contains("(2): \"title 2\", \"\", \"title 4\"", dump, StringComparison.Ordinal);
        Assert.Contains("H5T_STRING", ReferenceTools.H5dumpHeader(file), StringComparison.Ordinal);

        // The vectors still read back through this plugin's reader (the extra group is ignored).
        await using var reread = new Hdf5Source([file], null, null);
        ReadAll back = await ReadAll.From(reread);
        Assert.Equal(7, back.Info.Rows);
        Assert.Equal(Enumerable.Range(0, 7).Select(r => 1000L + r), back.Ids!);
    }

    [Fact]
    public async Task Written_scalars_come_back_through_this_plugins_source()
    {
        using var temp = new TempDirectory();
        VectorBatch[] written = [Batch(0, 4), Batch(4, 3)];
        ScalarColumn[] expected = [.. Enumerable.Range(0, s_fields.Length).Select(i => Concat(written[0].Scalars[i], written[1].Scalars[i]))];
        string file = await Export(temp.Path, s_fields, written);

        await using var source = new Hdf5Source([file], null, null);
        ReadAll all = await ReadAll.From(source);
        Assert.Equal(s_fields.OrderBy(f => f.Name, StringComparer.Ordinal), all.Info.Schema.Scalars);
        await foreach (VectorBatch batch in source.ReadAsync(all.Info, new ReadOptions(), CancellationToken.None))
        {
            using (batch)
            {
                foreach (ScalarColumn column in batch.Scalars)
                {
                    ScalarColumn original = expected.Single(c => c.Field.Name == column.Field.Name);
                    Assert.Equal(original.Field, column.Field);

                    // A null VarChar is stored as "" (its .valid entry says it is null).
                    Assert.Equal(original.Values.Cast<object?>().Select(v => v ?? ""), column.Values.Cast<object?>());
                    Assert.Equal(original.Nulls, column.Nulls);
                }
            }
        }
    }

    [Fact]
    public async Task Many_and_large_strings_span_several_global_heap_collections()
    {
        using var temp = new TempDirectory();
        ScalarField[] fields = [new("text", ScalarType.VarChar)];
        string huge = string.Concat(Enumerable.Repeat("0123456789abcdef", 80_000)); // 1.28 MB: a collection of its own
        string Text(int r) => r == 12_345 ? huge : $"row {r} " + new string('x', r % 50);
        var batches = new List<VectorBatch>();
        for (int start = 0; start < 30_000; start += 10_000)
        {
            string[] values = [.. Enumerable.Range(start, 10_000).Select(Text)];
            batches.Add(new VectorBatch(start, 10_000, 4, new byte[10_000 * 4], Enumerable.Range(start, 10_000).Select(i => (long)i).ToArray(), null, [new ScalarColumn(fields[0], values)]));
        }

        string file = await Export(temp.Path, fields, batches, dim: 1);
        string[] read = [.. Values(ReferenceTools.H5pyReadBack(file).GetProperty("scalars"), "text", e => e.GetString()!)];
        Assert.Equal(30_000, read.Length);
        Assert.Equal(Enumerable.Range(0, 30_000).Select(Text), read);
    }

    [Fact]
    public async Task A_column_of_the_wrong_type_is_a_destination_error()
    {
        using var temp = new TempDirectory();
        ScalarField field = new("n", ScalarType.Int16);
        var batch = new VectorBatch(0, 2, 8, new byte[16], new long[] { 1, 2 }, null, [new ScalarColumn(field, new int[] { 1, 2 })]);
        DestinationException e = await Assert.ThrowsAsync<DestinationException>(() => Export(temp.Path, [field], [batch]));
        Assert.Contains("scalar field 'n' (Int16) arrived as Int32[]", e.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ServerError, e.ExitCode);
    }

    private static ScalarColumn Concat(ScalarColumn a, ScalarColumn b)
    {
        var values = Array.CreateInstance(a.Values.GetType().GetElementType()!, a.Values.Length + b.Values.Length);
        a.Values.CopyTo(values, 0);
        b.Values.CopyTo(values, a.Values.Length);
        return new ScalarColumn(a.Field, values, a.Nulls is null ? null : [.. a.Nulls, .. b.Nulls!]);
    }

    private static string? Title(int r) => r % 4 == 3 ? null : r switch { 0 => "", 1 => "héllo 🌍", _ => $"title {r}" };

    private static string Meta(int r) => $"{{\"row\": {r}, \"tags\": [\"a\", \"ü\"]}}";

    private static IEnumerable<T> Values<T>(JsonElement scalars, string name, Func<JsonElement, T> read) =>
        [.. scalars.GetProperty(name).GetProperty("values").EnumerateArray().Select(read)];

    private static VectorBatch Batch(int start, int count)
    {
        int[] rows = [.. Enumerable.Range(start, count)];
        ScalarColumn[] columns =
        [
            new(s_fields[0], rows.Select(r => r % 3 == 0).ToArray()),
            new(s_fields[1], rows.Select(r => (sbyte)(r * 37)).ToArray()),
            new(s_fields[2], rows.Select(r => (short)(-r * 1000)).ToArray()),
            new(s_fields[3], rows.Select(r => r % 2 == 0 ? r * 100_000 : 0).ToArray(), rows.Select(r => r % 2 != 0).ToArray()),
            new(s_fields[4], rows.Select(r => long.MaxValue - r).ToArray()),
            new(s_fields[5], rows.Select(r => r / 3f).ToArray()),
            new(s_fields[6], rows.Select(r => Math.PI * r).ToArray()),
            new(s_fields[7], rows.Select(Title).ToArray(), rows.Select(r => Title(r) is null).ToArray()),
            new(s_fields[8], rows.Select(Meta).ToArray()),
        ];
        byte[] vectors = [.. rows.SelectMany(r => BitConverter.GetBytes((float)r).Concat(BitConverter.GetBytes(-r * 0.5f)))];
        return new VectorBatch(start, count, 8, vectors, rows.Select(r => 1000L + r).ToArray(), null, columns);
    }

    private static async Task<string> Export(string dir, ScalarField[] fields, IReadOnlyList<VectorBatch> batches, int dim = 2)
    {
        var schema = new DatasetSchema(new VectorField("embedding", VectorType.Float32, dim), KeyType.Int64, "L2", fields);
        var info = new DatasetInfo("s", schema, batches.Sum(b => (long)b.Count)) { SuggestedCollection = "s" };
        await using IVectorSink sink = new Hdf5Plugin().CreateSink(PluginConfigNode.FromYaml($"dir: '{dir}'"), s_context);
        await using (IDatasetWriter writer = await sink.OpenAsync(new SinkTarget(info, schema), CancellationToken.None))
        {
            foreach (VectorBatch batch in batches)
            {
                await writer.WriteAsync(batch, CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        return Path.Combine(dir, "s", "_default.h5");
    }
}
