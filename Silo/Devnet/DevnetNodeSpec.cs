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
    string DeploymentFile);
