using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Duplicates;

/// <summary>What tests/TestData/duplicates/make_fixtures.py (real Faiss and h5py) recorded about one case.</summary>
internal sealed record DuplicateFixture(long Rows, long FirstDuplicateId, long[] FirstDuplicateRows, long DuplicatedIds, long ExtraRows, string Digest, long KeepLastRows, string KeepLastDigest)
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "TestData", "duplicates");

    public static DuplicateFixture Of(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        JsonElement e = document.RootElement.GetProperty(name);
        return new DuplicateFixture(
            e.GetProperty("rows").GetInt64(),
            e.GetProperty("first_duplicate_id").GetInt64(),
            e.GetProperty("first_duplicate_rows").EnumerateArray().Select(r => r.GetInt64()).ToArray(),
            e.GetProperty("duplicated_ids").GetInt64(),
            e.GetProperty("extra_rows").GetInt64(),
            e.GetProperty("digest").GetString()!,
            e.GetProperty("keep_last_rows").GetInt64(),
            e.GetProperty("keep_last_digest").GetString()!);
    }
}
