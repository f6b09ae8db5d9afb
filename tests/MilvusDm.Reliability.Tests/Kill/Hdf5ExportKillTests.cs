using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;
using Xunit.Abstractions;

namespace MilvusDm.Reliability.Tests.Kill;

/// <summary>
/// An export of a four-partition collection to HDF5 (M2H), 5,000 rows per partition throttled to 8,000 rows/s, SIGKILLed at seeded-random points and resumed: at every
/// kill point each file under a final <c>.h5</c> name is complete (its digest is its partition's), and the resumed
/// export holds every partition with the source digest.
/// </summary>
public sealed class Hdf5ExportKillTests(ITestOutputHelper output)
{
    private static GeneratedData Data => GeneratedData.Shared;

    [Fact]
    public async Task No_truncated_file_under_a_final_name_at_any_kill_point_and_the_resumed_export_is_complete()
    {
        await using var server = await MilvusTestServer.StartAsync();
        for (int part = 0; part < 4; part++)
        {
            await Seeder.CopyAsync(server, Data.Part(part), $"collection: exp\npartition: p{part}\n");
        }

        using var home = new TempDirectory("milvusdm-kill-export");
        string dir = home.Combine("out");
        string job = home.Write("job.yaml",
            $"source: {{plugin: milvus, uri: {server.Uri}, collections: [exp]}}\nsink: {{plugin: hdf5, dir: {dir}, mode: overwrite}}\nbatch: {{bytes: 16384}}\nmax_rows_per_second: 8000\n");
        var loop = new KillLoop(home.Path, job, 1505) { DelayMilliseconds = (0, 1500), Progress = () => ServerCalls.Count(server, "Query") };
        int checkedFiles = 0;

        ProcessResult last = await loop.RunAsync(3, async kill =>
        {
            List<string> complete = await CheckFinalFilesAsync(dir);
            checkedFiles += complete.Count;
            output.WriteLine($"kill {kill}: complete files [{string.Join(", ", complete)}], partial files {Directory.EnumerateFiles(dir, "*.partial", SearchOption.AllDirectories).Count()}");
        });

        output.WriteLine($"export: kills after [{string.Join(", ", loop.Kills)}] ms, {checkedFiles} final files checked at kill points, total {loop.Elapsed.TotalSeconds:0.0} s");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(3, loop.Kills.Count);
        Assert.Equal(["_default.h5", "p0.h5", "p1.h5", "p2.h5", "p3.h5"], await CheckFinalFilesAsync(dir));
        Assert.Empty(Directory.EnumerateFiles(dir, "*.partial", SearchOption.AllDirectories));
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.Contains(Data.PartDigests[3], manifest.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>Every file under a final name reads completely with its partition's digest; returns their names.</summary>
    private static async Task<List<string>> CheckFinalFilesAsync(string dir)
    {
        var names = new List<string>();
        if (!Directory.Exists(dir))
        {
            return names;
        }

        foreach (string file in Directory.EnumerateFiles(dir, "*.h5", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            DigestPair digest = await ReadBack.Hdf5Async(file);
            string expected = name == "_default.h5" ? new string('0', 32) : Data.PartDigests[name[1] - '0'];
            Assert.True(expected == digest.Digest.ToString(), $"{file} under its final name has digest {digest.Digest} ({digest.Rows} rows), expected {expected}");
            names.Add(name);
        }

        if (File.Exists(Path.Combine(dir, "manifest.json")))
        {
            using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        }

        return names;
    }
}
