using System.Buffers.Binary;
using System.Text;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Hostile;

/// <summary>
/// Damaged variants of real fixtures (made by Faiss and h5py, tests/TestData): truncations, single bit flips at seeded
/// offsets, size fields (every little-endian occurrence of the row count, dimension or byte size) inflated to
/// absurd values, and files of the wrong type. Deterministic: the same corpus every run.
/// </summary>
internal static class HostileCorpus
{
    /// <summary>Fixtures with (rows, dim) as their generator scripts recorded in expected.json.</summary>
    private static readonly (string Plugin, string File, int Rows, int Dim, int BytesPerValue)[] Fixtures =
    [
        ("faiss", "faiss/flat_l2.index", 40, 8, 4),
        ("faiss", "faiss/idmap_flat_l2.index", 30, 8, 4),
        ("faiss", "faiss/ivfflat_full.index", 300, 8, 4),
        ("faiss", "faiss/bin_flat.index", 50, 64, 0),
        ("faiss", "faiss/hnsw_flat.index", 60, 8, 4),
        ("hdf5", "hdf5/default_contiguous.h5", 50, 8, 4),
        ("hdf5", "hdf5/default_gzip_shuffle.h5", 95, 8, 4),
        ("hdf5", "hdf5/default_fletcher32.h5", 70, 6, 4),
        ("hdf5", "hdf5/latest_btree2.h5", 100, 8, 4),
        ("hdf5", "hdf5/ann_euclidean.h5", 60, 8, 4),
    ];

    public static string TestData => Path.Combine(RepoPaths.Root, "tests", "TestData");

    public static IEnumerable<HostileCase> All() => Fixtures.SelectMany(Cases).Concat(WrongTypes());

    private static IEnumerable<HostileCase> Cases((string Plugin, string File, int Rows, int Dim, int BytesPerValue) fixture)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestData, fixture.File));
        string name = Path.GetFileName(fixture.File);
        var random = new Random(name.Aggregate(17, (h, c) => (h * 31) + c));

        // Truncations: the empty file, inside the header, inside the data, and one byte short of complete.
        int[] lengths = [0, 1, 7, 16, 64, original.Length / 4, original.Length / 2, original.Length - 8, original.Length - 1, random.Next(1, original.Length)];
        foreach (int length in lengths.Where(l => l < original.Length).Distinct())
        {
            yield return new HostileCase(fixture.Plugin, $"{name} truncated to {length}", "truncated", original[..length], MustFail: true);
        }

        for (int i = 0; i < 10; i++)
        {
            int offset = random.Next(original.Length);
            int bit = random.Next(8);
            byte[] flipped = (byte[])original.Clone();
            flipped[offset] ^= (byte)(1 << bit);
            yield return new HostileCase(fixture.Plugin, $"{name} bit {bit} of byte {offset} flipped", "bit-flipped", flipped, MustFail: false);
        }

        foreach (HostileCase inflated in Inflations(fixture.Plugin, name, original, fixture.Rows, fixture.Dim, fixture.BytesPerValue))
        {
            yield return inflated;
        }
    }

    /// <summary>Each little-endian occurrence of a size the file must record, replaced by an absurd value.</summary>
    private static IEnumerable<HostileCase> Inflations(string plugin, string name, byte[] original, int rows, int dim, int bytesPerValue)
    {
        long[] sizes = [rows, dim, (long)rows * dim, (long)rows * dim * Math.Max(1, bytesPerValue), (long)rows * dim / 8];
        int made = 0;
        for (int offset = 0; offset + 8 <= original.Length && made < 12; offset++)
        {
            long value64 = BinaryPrimitives.ReadInt64LittleEndian(original.AsSpan(offset));
            int value32 = BinaryPrimitives.ReadInt32LittleEndian(original.AsSpan(offset));
            if (value64 > 1 && sizes.Contains(value64))
            {
                byte[] inflated = (byte[])original.Clone();
                BinaryPrimitives.WriteInt64LittleEndian(inflated.AsSpan(offset), (1L << 40) + value64);
                yield return new HostileCase(plugin, $"{name} int64 {value64} at {offset} inflated to 2^40+{value64}", "size-inflated", inflated, MustFail: false);
                made++;
                offset += 7;
            }
            else if (value32 > 1 && sizes.Contains(value32))
            {
                byte[] inflated = (byte[])original.Clone();
                BinaryPrimitives.WriteInt32LittleEndian(inflated.AsSpan(offset), int.MaxValue - 3);
                yield return new HostileCase(plugin, $"{name} int32 {value32} at {offset} inflated to 2^31-4", "size-inflated", inflated, MustFail: false);
                made++;
                offset += 3;
            }
        }
    }

    private static IEnumerable<HostileCase> WrongTypes()
    {
        byte[] random = new byte[4096];
        new Random(4242).NextBytes(random);
        byte[] text = Encoding.UTF8.GetBytes("id,vector\n1,\"[0.1, 0.2]\"\n");
        byte[] json = Encoding.UTF8.GetBytes("{\"rows\": 40, \"dim\": 8, \"vectors\": []}\n");
        byte[] hdf5 = File.ReadAllBytes(Path.Combine(TestData, "hdf5", "default_contiguous.h5"));
        byte[] faiss = File.ReadAllBytes(Path.Combine(TestData, "faiss", "flat_l2.index"));
        foreach (string plugin in (string[])["faiss", "hdf5"])
        {
            yield return new HostileCase(plugin, $"{plugin}: random bytes", "wrong-type", random, MustFail: true);
            yield return new HostileCase(plugin, $"{plugin}: CSV text", "wrong-type", text, MustFail: true);
            yield return new HostileCase(plugin, $"{plugin}: JSON text", "wrong-type", json, MustFail: true);
        }

        yield return new HostileCase("faiss", "faiss: an HDF5 file", "wrong-type", hdf5, MustFail: true, InspectMayRead: true);
        yield return new HostileCase("hdf5", "hdf5: a Faiss index", "wrong-type", faiss, MustFail: true, InspectMayRead: true);

        // Real files of the right container with contents the tool refuses (their generator scripts say why).
        yield return new HostileCase("faiss", "faiss: not_faiss.index", "wrong-type", File.ReadAllBytes(Path.Combine(TestData, "faiss", "not_faiss.index")), MustFail: true);
        foreach (string lossy in (string[])["pq.index", "lsh.index"])
        {
            // Lossy indexes: inspect describes them, a run refuses them without allow_lossy.
            yield return new HostileCase("faiss", $"faiss: {lossy}", "wrong-type", File.ReadAllBytes(Path.Combine(TestData, "faiss", lossy)), MustFail: true, InspectMayRead: true);
        }

        foreach (string refused in Directory.EnumerateFiles(Path.Combine(TestData, "hdf5"), "refused_*.h5").Order(StringComparer.Ordinal))
        {
            yield return new HostileCase("hdf5", $"hdf5: {Path.GetFileName(refused)}", "wrong-type", File.ReadAllBytes(refused), MustFail: true);
        }
    }
}
