using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>
/// <c>inspect --mysql mysql://user@host:port/database</c>, the form of Milvus 1.x's own <c>meta_uri</c>. The password
/// comes from <c>MYSQL_PASSWORD</c>; one written in the URI is accepted too, and masked.
/// </summary>
internal static class MySqlUri
{
    private const int DefaultPort = 3306;

    /// <exception cref="ConfigException">Not a <c>mysql://user@host[:port]/database</c> URI.</exception>
    public static MySqlParameters Parse(string text, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme != "mysql" || uri.UserInfo.Length == 0 || uri.AbsolutePath.Trim('/').Length == 0)
        {
            throw new ConfigException("--mysql: expected mysql://user@host:port/database (password from MYSQL_PASSWORD)");
        }

        string[] userInfo = uri.UserInfo.Split(':', 2);
        string? password = userInfo.Length == 2 ? Uri.UnescapeDataString(userInfo[1]) : context.GetEnvironmentVariable("MYSQL_PASSWORD");
        if (!string.IsNullOrEmpty(password))
        {
            context.RegisterSecret(password);
        }

        return new MySqlParameters
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            User = Uri.UnescapeDataString(userInfo[0]),
            Password = password,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')),
        };
    }
}
