namespace MilvusDm.Plugins.MilvusLegacy.Tests.Infrastructure;

/// <summary>Tests marked [Collection(MariaDbCollection.Name)] share one <see cref="MariaDbFixture"/> per run.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "MariaDB";
}
