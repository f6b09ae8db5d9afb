using System.Diagnostics;
using System.Text.Json;

namespace MilvusDm.Plugins.Hdf5.Tests;

/// <summary>Runs the real reference tools: h5py (through Debian's /usr/bin/python3) and h5dump.</summary>
internal static class ReferenceTools
{
    public static JsonElement H5pyReadBack(string file)
    {
        string output = Run("/usr/bin/python3", [Path.Combine(Fixtures.Directory, "read_back.py"), file]);
        using JsonDocument doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    /// <summary>h5dump's binary export (-b LE) of one dataset: the values as libhdf5 reads them.</summary>
    public static byte[] H5dumpBinary(string file, string dataset, string scratch)
    {
        string output = Path.Combine(scratch, dataset + ".h5dump.bin");
        Run("h5dump", ["-d", "/" + dataset, "-b", "LE", "-o", output, file]);
        return File.ReadAllBytes(output);
    }

    public static string H5dumpHeader(string file) => Run("h5dump", ["-H", "-A", file]);

    /// <summary>h5dump's text dump of one dataset (strings print with octal escapes for non-ASCII bytes).</summary>
    public static string H5dump(string file, string dataset) => Run("h5dump", ["-d", dataset, file]);

    private static string Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {stderr}{stdout.Result}");
    }
}
