using MySql.Data.MySqlClient;

namespace MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;

/// <summary>Where the test MariaDB listens and how to log in (the password never appears in ToString).</summary>
internal sealed record MySqlEndpoint(string Host, int Port, string User, string Password)
{
    /// <summary>Reads MILVUSDM_TEST_MYSQL (mysql://user[:password]@host:port) and MILVUSDM_TEST_MYSQL_PASSWORD.</summary>
    public static MySqlEndpoint FromUri(string uri, string? password)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) || parsed.Scheme != "mysql" || parsed.Port <= 0
            || string.IsNullOrEmpty(parsed.UserInfo))
        {
            throw new InvalidOperationException("MILVUSDM_TEST_MYSQL must look like mysql://user@host:port, got: " + uri.Split('@')[^1]);
        }

        string[] userInfo = parsed.UserInfo.Split(':', 2);
        string user = Uri.UnescapeDataString(userInfo[0]);
        string secret = userInfo.Length == 2 ? Uri.UnescapeDataString(userInfo[1]) : password ?? "";
        return new MySqlEndpoint(parsed.Host, parsed.Port, user, secret);
    }

    public string ConnectionString(string? database = null) => new MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = (uint)Port,
        UserID = User,
        Password = Password,
        Database = database ?? "",
        SslMode = MySqlSslMode.None,
        CharacterSet = "utf8mb4",
    }.ConnectionString;

    public override string ToString() => $"mysql://{User}@{Host}:{Port}";
}
