using System.Diagnostics;

namespace MilvusDm.Benchmarks;

/// <summary>
/// Input files of the micro-benchmarks, written by real Faiss or h5py through <c>benchmarks/scripts/generate.py</c> or
/// <c>generate_hdf5.py</c> (Debian packages via <c>/usr/bin/python3</c>) into a scratch folder outside the repository, once.
/// </summary>
public static class BenchmarkFiles
{
    /// <summary>Where generated files go: <c>MILVUSDM_BENCH_DIR</c>/micro, or /tmp/milvusdm-bench/micro.</summary>
    public static string Directory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("MILVUSDM_BENCH_DIR") is { Length: > 0 } root ? root : Path.Combine(Path.GetTempPath(), "milvusdm-bench"),
        "micro");

    /// <summary>An IndexFlatL2 of <paramref name="rows"/> × <paramref name="dim"/> float32, generated if missing.</summary>
    public static string FaissFlat(int rows, int dim) =>
        Generate("generate.py", "flat", $"flat-{rows}x{dim}.index", rows, dim, "python3-faiss");

    /// <summary>
    /// An h5py file of <paramref name="rows"/> × <paramref name="dim"/> float32 <c>embeddings</c> and int64 <c>ids</c>,
    /// <paramref name="layout"/> "contiguous" (h5py defaults) or "gzip" (h5py's own chunk shape, gzip level 4).
    /// </summary>
    public static string Hdf5(string layout, int rows, int dim) =>
        Generate("generate_hdf5.py", layout, $"{layout}-{rows}x{dim}.h5", rows, dim, "python3-h5py");

    private static string Generate(string scriptName, string kind, string fileName, int rows, int dim, string package)
    {
        string path = Path.Combine(Directory, fileName);
        if (File.Exists(path))
        {
            return path;
        }

        System.IO.Directory.CreateDirectory(Directory);
        string script = Path.Combine(RepositoryRoot(), "benchmarks", "scripts", scriptName);
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { script, kind, path, rows.ToString(System.Globalization.CultureInfo.InvariantCulture), dim.ToString(System.Globalization.CultureInfo.InvariantCulture), "7" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"{scriptName} failed ({process.ExitCode}): {errors}{output} (it needs Debian's {package}: bash eng/install-test-deps.sh)");
        }

        return path;
    }

    // BenchmarkDotNet runs each benchmark from a generated project under bin/, so look upwards for the solution.
    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MilvusDm.Tool.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find MilvusDm.Tool.sln above {AppContext.BaseDirectory}");
    }
}
