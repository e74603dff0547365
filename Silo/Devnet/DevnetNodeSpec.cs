using Obscuro.Client.Configuration;

namespace Obscuro.Silo.Devnet;

/// <summary>One devnet node: its own Orleans cluster (a single silo with host and enclave roles and a simulated TEE).</summary>
public sealed record DevnetNodeSpec(
    string NodeId,
    bool IsAggregator,
    bool IsGenesisNode,
    int OperatorAccount,
    int SiloPort,
    int GatewayPort,
    string DataDirectory,
    string DeploymentFile)
{
    /// <summary>The aggregator's gossip port (its registered endpoint is <c>http://127.0.0.1:{port}</c>); default gateway + 1000.</summary>
    public int? GossipPort { get; init; }

    public int EffectiveGossipPort => GossipPort ?? (GatewayPort + 1000);

    public string ClusterId => $"obscuro-devnet-{NodeId}";

    public string ServiceId => $"obscuro-{NodeId}";

    public string Role => IsAggregator ? NodeListing.AggregatorRole : NodeListing.VerifierRole;

    /// <summary>How a wallet finds this node in <c>nodes.json</c>.</summary>
    public NodeListing ToListing() => new(NodeId, Role, IsGenesisNode, ClusterId, ServiceId, [new GatewayAddress("127.0.0.1", GatewayPort)]);
}
