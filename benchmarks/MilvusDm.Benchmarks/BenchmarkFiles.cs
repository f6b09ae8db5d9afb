using System.Diagnostics;

namespace MilvusDm.Benchmarks;

/// <summary>
/// Input files of the micro-benchmarks, written by real Faiss through <c>benchmarks/scripts/generate.py</c> (Debian
/// <c>python3-faiss</c> via <c>/usr/bin/python3</c>) into a scratch folder outside the repository, once.
/// </summary>
public static class BenchmarkFiles
{
    /// <summary>Where generated files go: <c>MILVUSDM_BENCH_DIR</c>/micro, or /tmp/milvusdm-bench/micro.</summary>
    public static string Directory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("MILVUSDM_BENCH_DIR") is { Length: > 0 } root ? root : Path.Combine(Path.GetTempPath(), "milvusdm-bench"),
        "micro");

    /// <summary>An IndexFlatL2 of <paramref name="rows"/> × <paramref name="dim"/> float32, generated if missing.</summary>
    public static string FaissFlat(int rows, int dim)
    {
        string path = Path.Combine(Directory, $"flat-{rows}x{dim}.index");
        if (File.Exists(path))
        {
            return path;
        }

        System.IO.Directory.CreateDirectory(Directory);
        string script = Path.Combine(RepositoryRoot(), "benchmarks", "scripts", "generate.py");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { script, "flat", path, rows.ToString(System.Globalization.CultureInfo.InvariantCulture), dim.ToString(System.Globalization.CultureInfo.InvariantCulture), "7" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"generate.py failed ({process.ExitCode}): {errors}{output} (it needs Debian's python3-faiss: bash eng/install-test-deps.sh)");
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
