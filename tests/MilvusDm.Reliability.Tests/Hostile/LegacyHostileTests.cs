using System.Buffers.Binary;
using System.Text;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;
using Xunit.Abstractions;

namespace MilvusDm.Reliability.Tests.Hostile;

/// <summary>
/// Damaged copies of the Milvus 1.x storage-folder fixture (tests/TestData/milvus-legacy/storage): segment files
/// (.rv vectors, .uid ids, deleted_docs) truncated, bit-flipped and with their size headers inflated, and the meta
/// database replaced by other content. <c>inspect</c> and <c>run</c> (into discard) end with exit 3 and one line,
/// or exit 0 where the damage leaves a valid folder (a flipped vector bit), never anything else.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class LegacyHostileTests(ITestOutputHelper output)
{
    private static readonly string Storage = Path.Combine(RepoPaths.Root, "tests", "TestData", "milvus-legacy", "storage");

    /// <summary>The fixture's storage.secondary_path (one float_coll segment lives there); never modified.</summary>
    private static readonly string Secondary = Path.Combine(RepoPaths.Root, "tests", "TestData", "milvus-legacy", "storage-secondary");

    /// <summary>Files of RAW segments (read, per truth.json) of a binary and a float collection, relative to the storage folder.</summary>
    private static readonly string[] SegmentFiles =
    [
        "db/tables/bin_coll/1678362271133199000/1678362271133199000.rv",
        "db/tables/bin_coll/1678362271133199000/1678362271133199000.uid",
        "db/tables/bin_coll/1678362271133199000/deleted_docs",
        "db/tables/float_coll/1678358056132984000/1678358056132984000.rv",
        "db/tables/float_coll/1678358056132984000/1678358056132984000.uid",
    ];

    public static TheoryData<string> Kinds() => ["truncated", "bit-flipped", "size-inflated", "wrong-type"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Damaged_storage_folders_end_in_exit_3_with_one_line(string kind)
    {
        List<(string Name, string File, byte[] Content, bool MustFail)> cases = Cases().Where(c => c.Kind == kind).Select(c => (c.Name, c.File, c.Content, c.MustFail)).ToList();
        using var dir = new TempDirectory("milvusdm-legacy-hostile");
        CopyFolder(Storage, dir.Combine("pristine"));
        CaseOutcome pristine = await CaseOutcome.MeasureAsync(dir.Combine("state"), "inspect", dir.Combine("pristine"), "--secondary-path", Secondary);
        Assert.True(pristine.Result.ExitCode == 0, "the undamaged copy reads: " + pristine.Result);
        var problems = new List<string>();
        int exit3 = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            string folder = dir.Combine($"case{i}");
            CopyFolder(Storage, folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, cases[i].File), cases[i].Content);
            string job = dir.Write($"case{i}.yaml", $"source: {{plugin: milvus-legacy, path: {folder}, secondary_paths: [{Secondary}]}}\nsink: {{plugin: discard}}\n");
            int[] allowed = cases[i].MustFail ? [3] : [0, 3];
            foreach (string[] args in (string[][])[["inspect", folder, "--secondary-path", Secondary], ["run", job]])
            {
                CaseOutcome outcome = await CaseOutcome.MeasureAsync(dir.Combine("state"), args);
                exit3 += outcome.Result.ExitCode == 3 ? 1 : 0;
                if (outcome.Problem(allowed) is { } problem)
                {
                    problems.Add($"{cases[i].Name}: {args[0]} {problem}");
                }
            }
        }

        output.WriteLine($"milvus-legacy {kind}: {cases.Count} cases, {exit3} of {2 * cases.Count} commands exit 3");
        Assert.NotEmpty(cases);
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems));
    }

    private static IEnumerable<(string Kind, string Name, string File, byte[] Content, bool MustFail)> Cases()
    {
        var random = new Random(1010);
        foreach (string file in SegmentFiles)
        {
            byte[] original = File.ReadAllBytes(Path.Combine(Storage, file));
            string name = Path.GetFileName(file);

            // deleted_docs cut at an entry boundary is a shorter valid list; the other files must agree in length.
            bool lengthChecked = !file.EndsWith("deleted_docs", StringComparison.Ordinal);
            foreach (int length in new[] { 0, 3, original.Length / 2 + 1, original.Length - 1 }.Distinct())
            {
                yield return ("truncated", $"{name} truncated to {length}", file, original[..length], lengthChecked);
            }

            for (int i = 0; i < 4; i++)
            {
                byte[] flipped = (byte[])original.Clone();
                int offset = random.Next(original.Length);
                flipped[offset] ^= (byte)(1 << random.Next(8));
                yield return ("bit-flipped", $"{name} byte {offset} flipped", file, flipped, false);
            }

            byte[] inflated64 = (byte[])original.Clone();
            BinaryPrimitives.WriteInt64LittleEndian(inflated64, 1L << 40);
            yield return ("size-inflated", $"{name} header as int64 2^40", file, inflated64, false);
            byte[] inflated32 = (byte[])original.Clone();
            BinaryPrimitives.WriteInt32LittleEndian(inflated32, int.MaxValue - 7);
            yield return ("size-inflated", $"{name} header as int32 2^31-8", file, inflated32, false);
        }

        byte[] random4k = new byte[4096];
        random.NextBytes(random4k);
        yield return ("wrong-type", "meta.sqlite is empty", "db/meta.sqlite", [], true);
        yield return ("wrong-type", "meta.sqlite is random bytes", "db/meta.sqlite", random4k, true);
        yield return ("wrong-type", "meta.sqlite is text", "db/meta.sqlite", Encoding.UTF8.GetBytes("CREATE TABLE Tables(id);\n"), true);
        yield return ("wrong-type", "meta.sqlite is a Faiss index", "db/meta.sqlite", File.ReadAllBytes(Path.Combine(HostileCorpus.TestData, "faiss", "flat_l2.index")), true);
        yield return ("wrong-type", ".rv is an HDF5 file", SegmentFiles[3], File.ReadAllBytes(Path.Combine(HostileCorpus.TestData, "hdf5", "default_contiguous.h5")), true);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (relative.EndsWith("-wal", StringComparison.Ordinal) || relative.EndsWith("-shm", StringComparison.Ordinal))
            {
                continue;
            }

            string target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
