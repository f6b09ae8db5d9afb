namespace MilvusDm.Tool.Progress;

/// <summary>Runs a body of work while showing its progress.</summary>
internal interface IProgressDisplay
{
    Task<T> RunAsync<T>(Func<IProgressTracker, Task<T>> body);
}
