using System.Diagnostics;
using System.Text;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Reliability.Tests.Support;

/// <summary>
/// One real <c>milvusdm</c> process (the built tool with its staged plugins/), its standard error captured line by
/// line so a test can wait for a progress line, then kill it with SIGKILL or wait for its exit.
/// </summary>
internal sealed class ToolRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly Task<string> _output;
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    private ToolRun(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => OnErrorLine(e.Data);
        _process.BeginErrorReadLine();
        _output = _process.StandardOutput.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>Starts <c>milvusdm ARGS</c> with HOME set to <paramref name="home"/> (ledgers, ~/.milvusdm/plugins).</summary>
    public static ToolRun Start(string home, IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["MILVUSDM_PLUGIN_PATH"] = null,
            ["MILVUS_TOKEN"] = null,
            ["MILVUS_USER"] = null,
            ["MILVUS_PASSWORD"] = null,
        };
        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        return new ToolRun(ProcessRunner.Start("dotnet", [RepoPaths.ToolDll, .. args], RepoPaths.Root, variables));
    }

    /// <summary>Runs to completion within <paramref name="limit"/> (a hang fails the test).</summary>
    public static async Task<ProcessResult> RunAsync(string home, IEnumerable<string> args, TimeSpan limit, IDictionary<string, string?>? environment = null)
    {
        using ToolRun run = Start(home, args, environment);
        return await run.WaitAsync(limit);
    }

    /// <summary>Completes when a line of standard error matches (or the process ends first: then it fails).</summary>
    public async Task WaitForErrorLineAsync(Func<string, bool> match, TimeSpan limit)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_error)
        {
            if (_error.ToString().Split('\n').Any(match))
            {
                return;
            }

            _waiters.Add((match, seen));
        }

        Task exited = _process.WaitForExitAsync();
        Task first = await Task.WhenAny(seen.Task, exited).WaitAsync(limit);
        if (first != seen.Task && !seen.Task.IsCompleted)
        {
            throw new InvalidOperationException($"milvusdm exited {_process.ExitCode} before the awaited line:\n{Error}");
        }
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed; the harshest way a job can stop.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited on its own.
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public bool HasExited => _process.HasExited;

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public async Task<ProcessResult> WaitAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"milvusdm did not finish within {limit}:\n{Error}");
        }

        string output = await _output;
        _process.WaitForExit(); // drains the asynchronous standard error reader
        return new ProcessResult(_process.ExitCode, output, Error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnErrorLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_error)
        {
            _error.Append(line).Append('\n');
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
