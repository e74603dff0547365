using Obscuro.Contracts.Deployment;

namespace Obscuro.Client.Configuration;

/// <summary>
/// Everything a wallet needs to know about a network before it talks to it, as the deployment file holds it
/// (<see cref="DeploymentFile"/>): the L1 (chain id, default JSON-RPC endpoint), the management contracts, the L2
/// chain id and the nodes. Nothing here is trusted beyond addressing: the network key and the enclave keys come from
/// the contracts on L1.
/// </summary>
public sealed record NetworkDeployment(
    ManagementContractAddresses Contracts,
    Uri L1Rpc,
    ulong L2ChainId,
    IReadOnlyList<NodeEndpoint> Nodes)
{
    public ulong L1ChainId => Contracts.ChainId;

    /// <summary>The node with this id, or the first when <paramref name="nodeId"/> is null.</summary>
    public NodeEndpoint? FindNode(string? nodeId) =>
        nodeId is null ? (Nodes.Count > 0 ? Nodes[0] : null) : Nodes.FirstOrDefault(n => string.Equals(n.Id, nodeId, StringComparison.Ordinal));
}
