namespace MilvusDm.Tool.Tests.Support;

/// <summary>Tests that need the third-party plugins built share one build.</summary>
[CollectionDefinition(Name)]
public sealed class ThirdPartyPluginsCollection : ICollectionFixture<ThirdPartyPlugins>
{
    public const string Name = "third-party plugins";
}
