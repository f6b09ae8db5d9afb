using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Discard;

/// <summary>The discard sink takes no settings; the class exists so unknown keys are still reported.</summary>
[PluginConfig]
public sealed partial class DiscardSinkConfig
{
}
