using MilvusDm.Abstractions;

namespace MilvusDm.Generators.Consumer.Tests;

[PluginConfig]
public sealed partial class SampleMySqlConfig
{
    [ConfigKey("host", Required = true, Description = "Server host.")]
    public string? Host { get; set; }

    [ConfigKey("port", Description = "Server port.")]
    public int Port { get; set; } = 3306;

    [ConfigKey("password", Secret = true, Description = "Password (or MYSQL_PASSWORD).")]
    public string? Password { get; set; }
}
