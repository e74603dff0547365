using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Deployment;

/// <summary>
/// Where a set of management contracts lives: what a node's configuration needs. <paramref name="DeploymentBlock"/>
/// is the L1 block holding the first deployment (NetworkManagement); nothing of the set can be in an earlier block, so
/// its parent (<see cref="AnchorNumber"/>, <see cref="AnchorHash"/>) is where a node's L1 view starts.
/// </summary>
public sealed record ManagementContractAddresses(
    ulong ChainId,
    Address NetworkManagement,
    Address RollupManagement,
    Address Bridge,
    Address? TestToken,
    L1BlockRef DeploymentBlock)
{
    /// <summary>The block before the deployment: the L2 ledger's anchor.</summary>
    public ulong AnchorNumber => DeploymentBlock.Number - 1;

    public Hash256 AnchorHash => DeploymentBlock.ParentHash;
}
