using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using MilvusDm.Tool.Plugins;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Plugins;

/// <summary>A loaded plugin stays usable for as long as the catalog holds it, whatever the garbage collector does.</summary>
[Collection(ThirdPartyPluginsCollection.Name)]
public sealed class PluginLifetimeTests(ThirdPartyPlugins plugins)
{
    [Fact]
    public void LoadedPlugin_AfterGarbageCollections_CanStillLoadItsDependencies()
    {
        // Arrange: nothing but the catalog refers to the plugin's load context.
        PluginCatalog catalog = Load();

        // Act: collections run the finalizers of unreferenced collectible contexts, which starts unloading them.
        for (int i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        // Assert
        LoadedPlugin csv = Assert.Single(catalog.Loaded, p => p.Name == "csv");
        AssemblyLoadContext context = AssemblyLoadContext.GetLoadContext(csv.Instance!.GetType().Assembly)!;
        Exception? error = Record.Exception(() => context.LoadFromAssemblyPath(csv.Path)); // checks the context is alive first
        Assert.True(error is null, $"the plugin's load context began unloading while the catalog still held the plugin: {error}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private PluginCatalog Load() => PluginCatalog.Load([new PluginOrigin(plugins.CsvRoot, IsBuiltIn: false)]);
}
