using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// What the enclave grain tells one account grain after an L1 block changed the L1-included canonical chain. Values are
/// absolute and the history change is "keep what is at or below the common ancestor, then add the new branch", so
/// applying the same update twice (a retry after a crash) gives the same account, and a reorg correction is the same
/// message as an extension. Enclave-internal plaintext: it travels to the account grain sealed (<see cref="AccountSealing"/>).
/// </summary>
/// <param name="Anchor">The canonical head after the block (null when the L1 fork has no rollup at all).</param>
/// <param name="Balance">ETH balance in wei after <paramref name="Anchor"/>.</param>
/// <param name="Nonce">The next nonce after <paramref name="Anchor"/>.</param>
/// <param name="Tokens">Every non-zero wrapped-token balance after <paramref name="Anchor"/> (replaces the previous list).</param>
/// <param name="KeepHistoryThroughGeneration">History entries of generations above this are dropped (they were on an abandoned branch or are re-added); null drops them all.</param>
/// <param name="NewEntries">Entries of the rollups that became canonical, in any order.</param>
[GenerateSerializer]
[Alias("Obscuro.AccountUpdate")]
public sealed record AccountUpdate(
    [property: Id(0)] RollupAnchor? Anchor,
    [property: Id(1)] UInt256 Balance,
    [property: Id(2)] ulong Nonce,
    [property: Id(3)] IReadOnlyList<AccountTokenBalance> Tokens,
    [property: Id(4)] ulong? KeepHistoryThroughGeneration,
    [property: Id(5)] IReadOnlyList<AccountHistoryRecord> NewEntries);
