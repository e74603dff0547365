namespace Obscuro.Grains.Tests;

/// <summary>Test classes that share one <see cref="TeeClusterFixture"/> and leave its silos running.</summary>
[CollectionDefinition(Name)]
public sealed class SharedClusterDefinition : ICollectionFixture<TeeClusterFixture>
{
    public const string Name = "Shared TEE cluster";
}
