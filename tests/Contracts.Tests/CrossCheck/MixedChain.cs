namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>The test classes that read the one <see cref="MixedChainFixture"/> chain (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class MixedChain : ICollectionFixture<MixedChainFixture>
{
    public const string Name = "mixed chain";
}
