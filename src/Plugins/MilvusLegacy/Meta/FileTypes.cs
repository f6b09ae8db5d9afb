namespace MilvusDm.Plugins.MilvusLegacy.Meta;

/// <summary>
/// <c>TableFiles.file_type</c>. Raw rows live in files of type RAW, TO_INDEX (a merged raw segment waiting for its
/// index: the original MilvusDM skipped these and lost their rows) and BACKUP (the raw file of an indexed
/// segment). NEW, NEW_MERGE and NEW_INDEX are in flight, INDEX files hold no exact vectors, TO_DELETE is garbage.
/// </summary>
internal static class FileTypes
{
    public const int Raw = 1;
    public const int ToIndex = 2;
    public const int Backup = 7;

    public static string Name(int type) => type switch
    {
        0 => "NEW",
        Raw => "RAW",
        ToIndex => "TO_INDEX",
        3 => "INDEX",
        4 => "TO_DELETE",
        5 => "NEW_MERGE",
        6 => "NEW_INDEX",
        Backup => "BACKUP",
        _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
