namespace Obscuro.Client.Tests.Support;

/// <summary>Test classes in this collection share one <see cref="L1Fixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedL1 : ICollectionFixture<L1Fixture>
{
    public const string Name = "l1";
}
