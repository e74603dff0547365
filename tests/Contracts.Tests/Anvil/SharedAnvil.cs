namespace Obscuro.Contracts.Tests.Anvil;

/// <summary>Test classes in this collection share one anvil (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedAnvil : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}
