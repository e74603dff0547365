using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// The deposits of every block of one pass over the L1 path, for the ledger rebuild at provisioning: that pass starts at
/// the anchor, so the rollups it applies may credit deposits older than the blocks the enclave chain retains.
/// </summary>
internal sealed class DepositIndex(L1BlockRef anchor) : IDepositIndex
{
    private readonly Dictionary<Hash256, (L1BlockRef Ref, List<L1Deposit> Deposits)> _blocks = [];

    public L1BlockRef Anchor { get; } = anchor;

    public void Add(L1Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _blocks[block.Ref.Hash] = (block.Ref, [.. block.Events.OfType<DepositEvent>().Select(d => d.Deposit)]);
    }

    public IEnumerable<L1Deposit> DepositsDownTo(Hash256 from, ulong aboveNumber)
    {
        var cursor = from;
        while (_blocks.TryGetValue(cursor, out var block) && block.Ref.Number > aboveNumber)
        {
            foreach (var deposit in block.Deposits)
            {
                yield return deposit;
            }

            cursor = block.Ref.ParentHash;
        }
    }
}
