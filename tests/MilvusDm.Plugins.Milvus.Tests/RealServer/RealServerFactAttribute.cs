namespace MilvusDm.Plugins.Milvus.Tests.RealServer;

/// <summary>
/// A test that needs a real Milvus 2.3+ server: it runs when <c>MILVUS_URI</c> is set and is otherwise reported as
/// skipped, never silently left out. The reason is also put in the test's display name, because <c>dotnet test</c>
/// prints skip reasons only at normal verbosity but always prints the names of skipped tests.
/// </summary>
public sealed class RealServerFactAttribute : FactAttribute
{
    private const string Reason = "MILVUS_URI is not set, so the opt-in suite against a real Milvus 2.3+ server did not run "
        + "(set MILVUS_URI=http://host:19530, and MILVUS_TOKEN if the server needs one, to run it)";

    public RealServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MILVUS_URI")))
        {
            Skip = Reason;
            DisplayName = "Real Milvus server suite SKIPPED: " + Reason;
        }
    }
}
