using Obscuro.EndToEnd.Tests.Infrastructure;

namespace Obscuro.EndToEnd.Tests.Wallet;

/// <summary>
/// One devnet (anvil with 1-second blocks, an aggregator and a verifier) shared by the wallet tests that let the L1 run
/// on its own; they run one after another and each uses its own wallets, so none depends on another's state.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WalletDevnet : ICollectionFixture<DevnetFixture>
{
    public const string Name = "Wallet devnet";
}
