namespace MilvusDm.Tool.Tests.Support;

/// <summary>Locates the repository and the built tool from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The tool's own build output, where the built-in plugins are staged in <c>plugins/</c>.</summary>
    public static string ToolDirectory => Path.Combine(Root, "src", "Tool", "bin", Configuration, "net10.0");

    public static string ToolDll => Path.Combine(ToolDirectory, "milvusdm.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MilvusDm.Tool.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MilvusDm.Tool.sln not found above " + AppContext.BaseDirectory);
    }
}
