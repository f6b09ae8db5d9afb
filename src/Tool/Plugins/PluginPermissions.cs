namespace MilvusDm.Tool.Plugins;

/// <summary>
/// Refuses plugin code that other users could have replaced: a plugin root, plugin folder or entry assembly writable
/// by others (mode o+w) means anyone on the machine can make milvusdm run their code with the user's credentials.
/// </summary>
internal static class PluginPermissions
{
    /// <summary>Why the plugin at <paramref name="entry"/> must not be loaded, or <c>null</c> when its files are safe.</summary>
    public static string? Refusal(string root, string folder, string entry)
    {
        if (OperatingSystem.IsWindows())
        {
            // ACLs, not mode bits, govern Windows; the check would say nothing true there.
            return null;
        }

        foreach (string path in (string[])[root, folder, entry])
        {
            UnixFileMode mode;
            try
            {
                mode = File.GetUnixFileMode(path);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if ((mode & UnixFileMode.OtherWrite) != 0)
            {
                return $"refused: {path} is writable by other users (mode {Octal(mode)}), so anyone could replace the plugin's code; remove that permission (chmod o-w {path})";
            }
        }

        return null;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');
}
