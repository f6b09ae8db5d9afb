namespace MilvusDm.Plugins.Milvus.Client;

/// <summary>Milvus <c>merr</c> codes (Status.code) and legacy ErrorCode values (Status.error_code) this tool acts on.</summary>
internal static class MilvusCodes
{
    public const int ServiceNotReady = 1;
    public const int ServiceUnavailable = 2;
    public const int MemoryLimitExceeded = 3;
    public const int RequestLimitExceeded = 4;
    public const int DiskLimitExceeded = 7;
    public const int RateLimit = 8;
    public const int QuotaExceeded = 9;
    public const int ResourceInsufficient = 12;
    public const int CollectionNotFound = 100;
    public const int CollectionNotLoaded = 101;
    public const int CollectionNotFullyLoaded = 103;
    public const int PartitionNotFound = 200;
    public const int IndexNotFound = 700;
    public const int ParameterInvalid = 1100;
    public const int NotAuthenticated = 1400;
    public const int PrivilegeNotPermitted = 1401;
    public const int AliasNotFound = 1600;
    public const int AliasCollectionNameConflict = 1601;
    public const int AliasExists = 1602;
    public const int UnexpectedError = 65535;

    public const int ErrorUnexpected = 1;
    public const int ErrorPermissionDenied = 3;
    public const int ErrorCollectionNotExists = 4;
    public const int ErrorIllegalArgument = 5;
    public const int ErrorMetaFailed = 15;
    public const int ErrorIndexNotExist = 25;
    public const int ErrorForceDeny = 48;
    public const int ErrorRateLimit = 49;
    public const int ErrorMemoryQuotaExhausted = 53;
    public const int ErrorDiskQuotaExhausted = 54;
    public const int ErrorNotReadyServe = 56;
}
