using System.Globalization;

namespace MilvusDm.Tool.Progress;

/// <summary>Human-readable numbers for progress lines and summaries.</summary>
internal static class ProgressFormat
{
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        int unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return string.Format(CultureInfo.InvariantCulture, unit == 0 ? "{0:0} {1}" : "{0:0.0} {1}", bytes, units[unit]);
    }

    public static string Rows(long rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double rowsPerSecond) => rowsPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " rows/s";

    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : span.ToString(@"m\:ss\.f", CultureInfo.InvariantCulture);
}
