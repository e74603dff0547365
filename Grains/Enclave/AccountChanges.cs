using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// What one change of the L1-included canonical head means for accounts: an update per touched account, the transactions
/// now included, and the transactions of rollups that left the canonical chain and are not on the new side (an L1 reorg
/// removed their rollups): they go back to the mempool, or they would be lost.
/// </summary>
internal sealed record AccountChanges(IReadOnlyList<KeyValuePair<Address, AccountUpdate>> Updates, IReadOnlyList<Hash256> Included, IReadOnlyList<L2Transaction> Abandoned)
{
    public static AccountChanges None { get; } = new([], [], []);
}
