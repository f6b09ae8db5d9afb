namespace MilvusDm.Abstractions;

/// <summary>
/// Marks a <c>partial</c> class as a plugin config: the MilvusDm generator emits a YAML binder
/// (<c>Bind</c>/<c>BindNode</c>) and key metadata (<c>Describe</c>) for it. Public settable properties become keys.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class PluginConfigAttribute : Attribute
{
}
