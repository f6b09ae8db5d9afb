using System.Runtime.CompilerServices;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Plugins;
using MilvusDm.Tool.Tests.Support;

namespace MilvusDm.Tool.Tests.Plugins;

[Collection(ThirdPartyPluginsCollection.Name)]
public sealed class PluginUnloadTests(ThirdPartyPlugins plugins)
{
    [Fact]
    public void PluginLoadContext_SharesContractAndUnloadsWhenReleased()
    {
        // Arrange / Act
        WeakReference context = LoadAndRelease(Path.Combine(plugins.CsvRoot, "CsvPlugin", "CsvPlugin.dll"));
        for (int i = 0; i < 10 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        // Assert
        Assert.False(context.IsAlive, "the plugin's load context was not collected");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndRelease(string entry)
    {
        var context = new PluginLoadContext(entry);
        var assembly = context.LoadFromAssemblyPath(entry);
        Type pluginType = assembly.GetExportedTypes().Single(t => typeof(IPlugin).IsAssignableFrom(t));

        // The contract type the plugin implements is the host's own: it came from the default context.
        Assert.Same(typeof(IPlugin).Assembly, pluginType.GetInterface(nameof(IPlugin))!.Assembly);
        var plugin = (IPlugin)Activator.CreateInstance(pluginType)!;
        Assert.Equal("csv", plugin.Manifest.Name);
        context.Unload();
        return new WeakReference(context);
    }
}
