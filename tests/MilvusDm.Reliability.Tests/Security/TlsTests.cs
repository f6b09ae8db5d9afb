using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MilvusDm.Abstractions;
using MilvusDm.Milvus.TestServer;
using MilvusDm.Reliability.Tests.Support;
using MilvusDm.Tool.Tests.Support;
using Xunit.Abstractions;

namespace MilvusDm.Reliability.Tests.Security;

/// <summary>
/// TLS to a server whose certificate a private CA signed (both made here): with the sink's <c>ca_file</c> the copy
/// succeeds with the source digest; without it the job fails with exit 4 and says the certificate is not trusted.
/// </summary>
public sealed class TlsTests(ITestOutputHelper output)
{
    private static readonly string Fixture = Path.Combine(RepoPaths.Root, "tests", "TestData", "faiss", "idmap_flat_l2.index");

    [Fact]
    public async Task A_server_certificate_from_a_private_ca_is_trusted_with_ca_file_only()
    {
        using var home = new TempDirectory("milvusdm-tls");
        (X509Certificate2 authority, X509Certificate2 serverCertificate) = CreateAuthorityAndServerCertificate();
        string caFile = home.Write("ca.pem", authority.ExportCertificatePem());
        await using var server = await MilvusTestServer.StartAsync(new MilvusTestServerOptions { Certificate = serverCertificate });
        Assert.Equal("https", server.Uri.Scheme);

        string trusted = home.Write("trusted.yaml", $"source: {{plugin: faiss, path: {Fixture}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: tls, ca_file: {caFile}}}\nverify: digest\n");
        ProcessResult ok = await ToolRun.RunAsync(home.Path, ["run", trusted], TimeSpan.FromMinutes(2));
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal(30, server.Milvus.FindCollection("tls")!.RowCount);

        string untrusted = home.Write("untrusted.yaml", $"source: {{plugin: faiss, path: {Fixture}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: tls2}}\n");
        ProcessResult refused = await ToolRun.RunAsync(home.Path, ["run", untrusted], TimeSpan.FromMinutes(2));
        output.WriteLine("without ca_file: " + refused.Error.Trim());
        Assert.True(refused.ExitCode == ExitCodes.ServerError, refused.ToString());
        Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("certificate", refused.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Null(server.Milvus.FindCollection("tls2"));

        // Another CA's file is no better than none.
        (X509Certificate2 stranger, _) = CreateAuthorityAndServerCertificate();
        string strangerFile = home.Write("stranger.pem", stranger.ExportCertificatePem());
        string wrongCa = home.Write("wrong-ca.yaml", $"source: {{plugin: faiss, path: {Fixture}}}\nsink: {{plugin: milvus, uri: {server.Uri}, collection: tls3, ca_file: {strangerFile}}}\n");
        ProcessResult wrong = await ToolRun.RunAsync(home.Path, ["run", wrongCa], TimeSpan.FromMinutes(2));
        Assert.True(wrong.ExitCode == ExitCodes.ServerError, wrong.ToString());
        Assert.Contains("certificate", wrong.Error, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A self-signed CA and a server certificate for 127.0.0.1/localhost that it signed.</summary>
    private static (X509Certificate2 Authority, X509Certificate2 Server) CreateAuthorityAndServerCertificate()
    {
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=milvusdm test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 authority = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using RSA serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        using X509Certificate2 signed = request.Create(authority, now.AddDays(-1), now.AddDays(29), serial);
        // Kestrel needs the key with the certificate; a PFX round trip gives a certificate that owns it on every platform.
        X509Certificate2 server = X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pfx), null);
        return (authority, server);
    }
}
