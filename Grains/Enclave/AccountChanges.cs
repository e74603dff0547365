using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>What one change of the L1-included canonical head means for accounts: an update per touched account and the transactions now included.</summary>
internal sealed record AccountChanges(IReadOnlyList<KeyValuePair<Address, AccountUpdate>> Updates, IReadOnlyList<Hash256> Included)
{
    public static AccountChanges None { get; } = new([], []);
}
