namespace MilvusDm.Abstractions;

/// <summary>Implemented by the generator on every <see cref="PluginConfigAttribute"/> class.</summary>
/// <typeparam name="TSelf">The config class.</typeparam>
public interface IBindableConfig<TSelf>
    where TSelf : IBindableConfig<TSelf>
{
    /// <summary>Binds a YAML mapping to a new instance; throws <see cref="ConfigException"/> with file, line and column.</summary>
    static abstract TSelf Bind(PluginConfigNode node);

    /// <summary>Key metadata: names, types, defaults, aliases, descriptions.</summary>
    static abstract IReadOnlyList<ConfigKeyInfo> Describe();
}
