using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>The <c>mysql</c> map (original <c>mysql_parameter</c>): where a 1.x server kept its meta in MySQL.</summary>
[PluginConfig]
public sealed partial class MySqlParameters
{
    [ConfigKey("host", Required = true, Description = "MySQL/MariaDB host.")]
    public string? Host { get; set; }

    [ConfigKey("port", Description = "MySQL/MariaDB port.")]
    public int Port { get; set; } = 3306;

    [ConfigKey("user", Required = true, Description = "User name.")]
    public string? User { get; set; }

    [ConfigKey("password", Secret = true, Description = "Password (default: environment MYSQL_PASSWORD).")]
    public string? Password { get; set; }

    [ConfigKey("database", Required = true, Description = "Database holding the Tables and TableFiles meta tables.")]
    public string? Database { get; set; }
}
