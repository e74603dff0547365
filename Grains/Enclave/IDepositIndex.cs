using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Grains.Enclave;

/// <summary>Where the deposits of verified L1 blocks are looked up, to know whom a rollup credits.</summary>
internal interface IDepositIndex
{
    L1BlockRef Anchor { get; }

    /// <summary>Deposits of the blocks from <paramref name="from"/> back to (excluding) block number <paramref name="aboveNumber"/>.</summary>
    IEnumerable<L1Deposit> DepositsDownTo(Hash256 from, ulong aboveNumber);
}
