using System.Runtime.InteropServices;
using MilvusDm.Tool;
using MilvusDm.Tool.Commands;

// Ctrl+C and SIGTERM cancel the job's token instead of killing the process, so what is in flight gets committed
// and reported (exit 130). A second signal falls through to the default and ends the process at once.
using var shutdown = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (!shutdown.IsCancellationRequested)
    {
        context.Cancel = true;
        shutdown.Cancel();
    }
}

using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var environment = new ToolEnvironment
{
    ErrorIsTerminal = !Console.IsErrorRedirected,
    Shutdown = shutdown.Token,
};
return await CommandLine.InvokeAsync(args, Console.Out, Console.Error, environment);
