using Spectre.Console;

namespace MilvusDm.Tool.Progress;

/// <summary>Live progress on an interactive terminal: one row per dataset with bar, rows, bytes, rate and ETA.</summary>
internal sealed class SpectreProgressDisplay : IProgressDisplay
{
    private readonly IAnsiConsole _console;

    public SpectreProgressDisplay(IAnsiConsole console)
    {
        _console = console;
    }

    public Task<T> RunAsync<T>(Func<IProgressTracker, Task<T>> body) =>
        _console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(context => body(new Tracker(context)));

    private sealed class Tracker(ProgressContext context) : IProgressTracker
    {
        public IDatasetProgress StartDataset(string name, long? totalRows, long? totalBytes)
        {
            ProgressTask task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, totalBytes ?? 1));
            task.IsIndeterminate = totalBytes is null;
            return new Dataset(task, name);
        }
    }

    private sealed class Dataset(ProgressTask task, string name) : IDatasetProgress
    {
        private long _rows;

        public void Advance(long rows, long bytes)
        {
            long done = Interlocked.Add(ref _rows, rows);
            task.Increment(bytes);
            task.Description = $"{Markup.Escape(name)} [grey]{ProgressFormat.Rows(done)} rows[/]";
        }

        public void Complete(string status)
        {
            task.Description = $"{Markup.Escape(name)} [green]{Markup.Escape(status)}[/] [grey]{ProgressFormat.Rows(Interlocked.Read(ref _rows))} rows[/]";
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
