using System.Diagnostics;
using System.Globalization;
using MilvusDm.Tool.Output;

namespace MilvusDm.Tool.Progress;

/// <summary>
/// Progress for redirected output (CI logs, files): one line when a dataset starts, a line per interval while it
/// runs, and one when it ends. Nothing that redraws.
/// </summary>
internal sealed class PlainProgressDisplay : IProgressDisplay, IProgressTracker
{
    private readonly ToolConsole _console;
    private readonly TimeSpan _interval;

    public PlainProgressDisplay(ToolConsole console, TimeSpan interval)
    {
        _console = console;
        _interval = interval;
    }

    public Task<T> RunAsync<T>(Func<IProgressTracker, Task<T>> body) => body(this);

    public IDatasetProgress StartDataset(string name, long? totalRows, long? totalBytes)
    {
        string size = totalRows is { } rows ? $"{ProgressFormat.Rows(rows)} rows" + (totalBytes is { } b ? $", {ProgressFormat.Bytes(b)}" : "") : "size unknown";
        _console.Info($"[{name}] started ({size})");
        return new Dataset(this, name, totalRows);
    }

    private sealed class Dataset(PlainProgressDisplay display, string name, long? totalRows) : IDatasetProgress
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastLine;
        private long _rows;
        private long _bytes;

        public void Advance(long rows, long bytes)
        {
            long done = Interlocked.Add(ref _rows, rows);
            Interlocked.Add(ref _bytes, bytes);
            if (_clock.Elapsed - _lastLine >= display._interval)
            {
                _lastLine = _clock.Elapsed;
                display._console.Info($"[{name}] {Describe(done)}");
            }
        }

        public void Complete(string status) =>
            display._console.Info($"[{name}] {status}: {Describe(Interlocked.Read(ref _rows))} in {ProgressFormat.Duration(_clock.Elapsed)}");

        private string Describe(long done)
        {
            double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
            double rate = done / seconds;
            string percent = totalRows is > 0 ? string.Format(CultureInfo.InvariantCulture, " ({0:0.0}%)", 100.0 * done / totalRows.Value) : "";
            string eta = totalRows is { } total && rate > 0 && done < total ? $", ETA {ProgressFormat.Duration(TimeSpan.FromSeconds((total - done) / rate))}" : "";
            return $"{ProgressFormat.Rows(done)}{(totalRows is { } t ? "/" + ProgressFormat.Rows(t) : "")} rows{percent}, {ProgressFormat.Bytes(Interlocked.Read(ref _bytes))}, {ProgressFormat.Rate(rate)}{eta}";
        }
    }
}
