using MilvusDm.Abstractions;
using MilvusDm.Plugins.Faiss.Format;

namespace MilvusDm.Plugins.Faiss.Tests;

internal static class ReadAll
{
    /// <summary>Plans and streams every row, as a job would; returns the rows read.</summary>
    public static long Run(string path, bool allowLossy = false)
    {
        RowPlan plan = RowPlanner.Plan(path, allowLossy);
        using var streamer = new RowStreamer(plan);
        long rows = 0;
        foreach (VectorBatch batch in streamer.Read(new ReadOptions { MaxBatchBytes = 4096 }, CancellationToken.None))
        {
            rows += batch.Count;
            batch.Dispose();
        }

        return rows;
    }

    /// <summary>Runs and returns the exception, requiring it to be a one-line <see cref="SourceDataException"/> when thrown.</summary>
    public static SourceDataException? Outcome(string path, bool allowLossy = false)
    {
        try
        {
            Run(path, allowLossy);
            return null;
        }
        catch (SourceDataException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            return e;
        }
    }
}
