using System.Text;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;
using Xunit.Abstractions;

namespace MilvusDm.Reliability.Tests.Security;

/// <summary>
/// Failing authenticated runs against the test server with authentication: every byte the tool leaves behind
/// (standard output and error with --verbose, the JSON report, the ledger, plans) is searched for the secret, in
/// clear and in the base64 form it takes in the authorization header.
/// </summary>
public sealed class SecretLeakTests(ITestOutputHelper output)
{
    private const string Password = "S3cret-Wrong-Pass-771";
    private const string Token = "tkn-9f8e7d6c5b4a-leak-probe";

    public static TheoryData<string> Ways() => ["password in the job file", "token in the job file", "token in the environment", "password in --set", "original F2M file"];

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_wrong_secret_fails_with_exit_4_and_never_appears_in_any_output(string way)
    {
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { RequiredCredential = "root:Correct-Horse-9" });
        using var home = new TempDirectory("milvusdm-secrets");
        string fixture = Path.Combine(RepoPaths.Root, "tests", "TestData", "faiss", "idmap_flat_l2.index");
        string state = home.Combine("state");
        string report = home.Combine("report.json");
        var environment = new Dictionary<string, string?>();
        var extra = new List<string>();
        string job = way switch
        {
            "password in the job file" => $"source: {{plugin: faiss, path: {fixture}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: s, user: root, password: {Password}}}\n",
            "token in the job file" => $"source: {{plugin: faiss, path: {fixture}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: s, token: {Token}}}\n",
            "original F2M file" => $"F2M:\n  milvus_version: 2.4.0\n  data_path: {fixture}\n  dest_host: 127.0.0.1\n  dest_port: {server.Uri.Port}\n  mode: append\n  dest_collection_name: s\n  password: {Password}\n  user: root\n",
            _ => $"source: {{plugin: faiss, path: {fixture}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: s, user: root}}\n",
        };
        if (way == "token in the environment")
        {
            environment["MILVUS_TOKEN"] = Token;
        }

        if (way == "password in --set")
        {
            extra.AddRange(["--set", $"sink.password={Password}"]);
        }

        string jobFile = home.Write("job.yaml", job);
        var outputs = new StringBuilder();
        ProcessResult run = await ToolRun.RunAsync(home.Path, ["run", jobFile, "--verbose", "--state-dir", state, "--report", report, .. extra], TimeSpan.FromMinutes(2), environment);
        outputs.Append(run.Output).Append(run.Error);
        ProcessResult validate = await ToolRun.RunAsync(home.Path, ["validate", jobFile, "--verbose", .. extra], TimeSpan.FromMinutes(2), environment);
        outputs.Append(validate.Output).Append(validate.Error);
        ProcessResult dryRun = await ToolRun.RunAsync(home.Path, ["run", jobFile, "--dry-run", "--verbose", "--state-dir", state, .. extra], TimeSpan.FromMinutes(2), environment);
        outputs.Append(dryRun.Output).Append(dryRun.Error);
        ProcessResult listPlugins = await ToolRun.RunAsync(home.Path, ["list-plugins", "--json"], TimeSpan.FromMinutes(2), environment);
        outputs.Append(listPlugins.Output).Append(listPlugins.Error);
        foreach (string file in Directory.EnumerateFiles(home.Path, "*", SearchOption.AllDirectories).Where(f => f != jobFile))
        {
            outputs.Append(File.ReadAllText(file));
        }

        output.WriteLine($"{way}: run exit {run.ExitCode}: {run.Error.Split('\n').FirstOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))}");
        Assert.True(run.ExitCode == ExitCodes.ServerError, run.ToString());
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(report), "the failing run wrote its report");
        string everything = outputs.ToString();
        foreach (string secret in SecretForms())
        {
            Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked:\n{everything}");
        }
    }

    /// <summary>The secrets in clear, and as they travel: base64 of token or user:password in the authorization header.</summary>
    private static IEnumerable<string> SecretForms()
    {
        foreach (string secret in (string[])[Password, Token, "root:" + Password])
        {
            yield return secret;
            yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        }

        yield return Password[3..^3];
    }
}
