namespace MilvusDm.Abstractions;

/// <summary>
/// One key of an original MilvusDM job file (<c>F2M</c>, <c>H2M</c>, <c>M2M</c>, <c>M2H</c>) that this plugin consumes,
/// and the config key it becomes.
/// </summary>
/// <param name="Task">The original task key, e.g. <c>F2M</c>.</param>
/// <param name="Role">The side the plugin plays in that task.</param>
/// <param name="OriginalKey">The key as the original file spells it, e.g. <c>data_path</c>.</param>
/// <param name="ConfigKey">The plugin's config key, e.g. <c>path</c>.</param>
public sealed record OriginalKeyMapping(string Task, PluginRole Role, string OriginalKey, string ConfigKey);
