using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Milvus;

/// <summary>The <c>sink:</c> section of a job writing to a Milvus 2.3+ server (original F2M/H2M/M2M keys in brackets).</summary>
[PluginConfig]
public sealed partial class MilvusSinkConfig
{
    [ConfigKey("uri", Description = "Server address, http://host:19530 (plaintext) or https://host:port (TLS).")]
    public string? Uri { get; set; }

    [ConfigKey("host", Description = "Server host when no uri is given (original dest_host).")]
    public string? Host { get; set; }

    [ConfigKey("port", Description = "Server port when no uri is given (original dest_port); default 19530.")]
    public int? Port { get; set; }

    [ConfigKey("collection", Description = "Destination collection (original dest_collection_name); default: the source's collection or file stem.")]
    public string? Collection { get; set; }

    [ConfigKey("partition", Description = "Destination partition (original dest_partition_name); default: the source's partition or _default.")]
    public string? Partition { get; set; }

    [ConfigKey("mode", Description = "skip, append or overwrite an existing collection (or only the named partition); replace writes a staging collection and switches an alias to it once verified.")]
    public WriteMode Mode { get; set; } = WriteMode.Append;

    [ConfigKey("keep_previous", Description = "mode replace: keep the collection the name served before the switch instead of dropping it.")]
    public bool KeepPrevious { get; set; }

    [ConfigKey("token", Secret = true, Description = "API key or user:password (default: environment MILVUS_TOKEN).")]
    public string? Token { get; set; }

    [ConfigKey("user", Description = "User name (default: environment MILVUS_USER).")]
    public string? User { get; set; }

    [ConfigKey("password", Secret = true, Description = "Password (default: environment MILVUS_PASSWORD).")]
    public string? Password { get; set; }

    [ConfigKey("db_name", Description = "Database; default 'default'.")]
    public string? DbName { get; set; }

    [ConfigKey("collection_parameter", Description = "Original creation parameters: dimension (checked), metric_type, index_file_size (used by 1.x servers).")]
    public MilvusCollectionParameter? CollectionParameter { get; set; }

    [ConfigKey("metric", Description = "Metric of the created index; overrides the source's (L2, IP, COSINE, HAMMING, JACCARD...).")]
    public string? Metric { get; set; }

    [ConfigKey("index_type", Description = "Index created on the vector field: AUTOINDEX (default), another Milvus index type, or none.")]
    public string? IndexType { get; set; }

    [ConfigKey("index_params", Description = "Build parameters of the index as JSON text, e.g. {\"M\":16,\"efConstruction\":200}.")]
    public string? IndexParams { get; set; }

    [ConfigKey("load", Description = "Load the collection after writing so it is searchable at once.")]
    public bool Load { get; set; }

    [ConfigKey("batch_bytes", Description = "Serialized size of one Insert request; default 16 MiB (the server refuses above 64 MiB).")]
    public int BatchBytes { get; set; } = 16 * 1024 * 1024;

    [ConfigKey("in_flight", Description = "Insert requests running at the same time; default 3.")]
    public int InFlight { get; set; } = 3;

    [ConfigKey("max_attempts", Description = "Attempts per request on retriable failures (UNAVAILABLE, rate limits); default 8.")]
    public int MaxAttempts { get; set; } = 8;

    [ConfigKey("timeout_seconds", Description = "Deadline of one call; default 120.")]
    public int TimeoutSeconds { get; set; } = 120;

    [ConfigKey("count_check", Description = "After flushing, check that the collection grew by the rows written (exit 5 otherwise); default true.")]
    public bool CountCheck { get; set; } = true;

    [ConfigKey("ca_file", Description = "PEM file of the certificate authority for https:// servers with a private CA.")]
    public string? CaFile { get; set; }

    [ConfigKey("skip_tls_verify", Description = "Accept any server certificate (insecure; prints a warning).")]
    public bool SkipTlsVerify { get; set; }

    [ConfigKey("milvus_version", Description = "Original hint of the server version; only the major version is compared, with a warning.")]
    public string? MilvusVersion { get; set; }
}
