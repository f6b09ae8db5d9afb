using System.Diagnostics;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;

/// <summary>
/// A MariaDB this test run starts itself through eng/mariadb.sh, in a folder of its own (so it never stops a server
/// that test.sh or another run started), and stops on Dispose.
/// </summary>
internal sealed class MariaDbServer : IDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromMinutes(1);
    private readonly string _script;
    private readonly string _directory;

    private MariaDbServer(string script, string directory, MySqlEndpoint endpoint)
    {
        _script = script;
        _directory = directory;
        Endpoint = endpoint;
    }

    public MySqlEndpoint Endpoint { get; }

    /// <summary>Starts the server or throws with the script's own explanation (MariaDB missing, no port, ...).</summary>
    public static MariaDbServer Start()
    {
        string script = Path.Combine(LegacyTestData.Directory, "..", "..", "..", "eng", "mariadb.sh");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("eng/mariadb.sh not found at " + Path.GetFullPath(script));
        }

        // A short path: the unix socket inside it must stay under 108 bytes.
        string directory = Path.Combine(Path.GetTempPath(), $"milvusdm-mariadb-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        try
        {
            Run(script, directory, "start", s_startTimeout);
            return new MariaDbServer(script, directory, ReadEndpoint(script, directory));
        }
        catch (InvalidOperationException)
        {
            TryStop(script, directory);
            throw;
        }
    }

    /// <summary>Stops a half-started server (it may outlive a timed-out script); never hides the start failure.</summary>
    private static void TryStop(string script, string directory)
    {
        try
        {
            Run(script, directory, "stop", s_commandTimeout);
        }
        catch (InvalidOperationException)
        {
            // The start failure is the error worth reporting.
        }
    }

    public void Dispose() => Run(_script, _directory, "stop", s_commandTimeout);

    private static MySqlEndpoint ReadEndpoint(string script, string directory)
    {
        var values = Run(script, directory, "env", s_commandTimeout)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        return MySqlEndpoint.FromUri(values["MILVUSDM_TEST_MYSQL"], values["MILVUSDM_TEST_MYSQL_PASSWORD"]);
    }

    private static string Run(string script, string directory, string command, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(command);
        info.Environment["MILVUSDM_MARIADB_DIR"] = directory;
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not run bash " + script);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"eng/mariadb.sh {command} did not finish within {timeout.TotalSeconds:0}s: {stderr.Result.Trim()}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/mariadb.sh {command} failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
        }

        return stdout.Result;
    }
}
