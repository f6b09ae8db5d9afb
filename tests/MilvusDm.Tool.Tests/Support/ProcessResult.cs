namespace MilvusDm.Tool.Tests.Support;

/// <summary>Exit code and captured streams of a finished process or in-process invocation.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
