using System.Text.Json;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>
/// The kill and fault suites' data, written once per test run by real Faiss and h5py (Data/make_kill_data.py), with
/// the digest-v1 values that script computed: 20,000 rows of dimension 16, keyed and id-less.
/// </summary>
public sealed class GeneratedData
{
    public const int Rows = 20_000;

    private static readonly Lazy<GeneratedData> Instance = new(() => new GeneratedData());

    private readonly TempDirectory _dir = new("milvusdm-reliability-data");

    private GeneratedData()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => _dir.Dispose();
        string script = Path.Combine(AppContext.BaseDirectory, "Data", "make_kill_data.py");
        ProcessResult result = ProcessRunner.RunAsync("/usr/bin/python3", [script, _dir.Path, Rows.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(2))
            .GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("make_kill_data.py failed (needs python3-faiss and python3-h5py; see eng/install-test-deps.sh):\n" + result);
        }

        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(_dir.Combine("expected.json")));
        KeyedDigest = expected.RootElement.GetProperty("keyed_digest").GetString()!;
        OrdinalDigest = expected.RootElement.GetProperty("ordinal_digest").GetString()!;
        VectorsDigest = expected.RootElement.GetProperty("vectors_digest").GetString()!;
        PartDigests = expected.RootElement.GetProperty("part_digests").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>The data, generated on first use and shared by every test of the run (test classes run in parallel).</summary>
    public static GeneratedData Shared => Instance.Value;

    /// <summary>faiss.IndexIDMap(IndexFlatL2(16)) with unique sparse ids.</summary>
    public string KeyedIndex => _dir.Combine("keyed.index");

    /// <summary>faiss.IndexFlatL2(16): no ids, keys are the host's ordinals.</summary>
    public string PlainIndex => _dir.Combine("plain.index");

    /// <summary>h5py 'embeddings' and 'ids'.</summary>
    public string KeyedHdf5 => _dir.Combine("keyed.h5");

    /// <summary>h5py 'embeddings' only.</summary>
    public string PlainHdf5 => _dir.Combine("plain.h5");

    /// <summary>digest-v1 of the keyed files (their ids).</summary>
    public string KeyedDigest { get; }

    /// <summary>digest-v1 of the id-less files with keys 0..n-1, as the host assigns them.</summary>
    public string OrdinalDigest { get; }

    public string VectorsDigest { get; }

    /// <summary>The keyed rows in four quarters, <c>part0.h5</c> to <c>part3.h5</c> (ids and embeddings).</summary>
    public string Part(int quarter) => _dir.Combine($"part{quarter}.h5");

    /// <summary>digest-v1 of each quarter.</summary>
    public IReadOnlyList<string> PartDigests { get; }
}
