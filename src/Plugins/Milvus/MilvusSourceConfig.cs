using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus;

/// <summary>The <c>source:</c> section of a job reading collections from a Milvus 2.3+ server.</summary>
[PluginConfig]
public sealed partial class MilvusSourceConfig
{
    [ConfigKey("uri", Description = "Server address, http://host:19530 (plaintext) or https://host:port (TLS).")]
    public string? Uri { get; set; }

    [ConfigKey("host", Description = "Server host when no uri is given.")]
    public string? Host { get; set; }

    [ConfigKey("port", Description = "Server port when no uri is given; default 19530.")]
    public int? Port { get; set; }

    [ConfigKey("collections", Description = "Collections to read; each entry 'name' or 'name/partition'. Default: every collection of the database.")]
    public List<string>? Collections { get; set; }

    [ConfigKey("token", Secret = true, Description = "API key or user:password (default: environment MILVUS_TOKEN).")]
    public string? Token { get; set; }

    [ConfigKey("user", Description = "User name (default: environment MILVUS_USER).")]
    public string? User { get; set; }

    [ConfigKey("password", Secret = true, Description = "Password (default: environment MILVUS_PASSWORD).")]
    public string? Password { get; set; }

    [ConfigKey("db_name", Description = "Database; default 'default'.")]
    public string? DbName { get; set; }

    [ConfigKey("per_partition", Description = "One dataset per partition (default) instead of one per collection.")]
    public bool PerPartition { get; set; } = true;

    [ConfigKey("ca_file", Description = "PEM file of the certificate authority for https:// servers with a private CA.")]
    public string? CaFile { get; set; }

    [ConfigKey("skip_tls_verify", Description = "Accept any server certificate (insecure; prints a warning).")]
    public bool SkipTlsVerify { get; set; }

    [ConfigKey("timeout_seconds", Description = "Deadline of one call; default 120.")]
    public int TimeoutSeconds { get; set; } = 120;
}
