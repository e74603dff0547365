namespace Obscuro.Grains.Tests.Host;

/// <summary>Host-side test classes that share one anvil and one <see cref="HostClusterFixture"/>; each test uses its own node id.</summary>
[CollectionDefinition(Name)]
public sealed class HostClusterDefinition : ICollectionFixture<HostClusterFixture>
{
    public const string Name = "Host cluster on anvil";
}
