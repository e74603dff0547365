using System.CommandLine;

namespace Obscuro.Cli;

/// <summary>The options every command takes (recursive on the root command). Defaults point at the running devnet.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Deployment { get; } = new("--deployment")
    {
        Description = "The network's deployment file (contracts, chain ids, nodes). Default: $OBSCURO_DEPLOYMENT, else .devnet/deployment.json in this directory or above.",
        Recursive = true,
    };

    public Option<string?> L1 { get; } = new("--l1")
    {
        Description = "L1 JSON-RPC endpoint. Default: the deployment file's (the devnet's anvil, http://127.0.0.1:8545).",
        Recursive = true,
    };

    public Option<string?> Node { get; } = new("--node")
    {
        Description = "The node: its id in the running devnet (.devnet/nodes.json beside the deployment file, e.g. verifier-1), or its gateways, host:port[,host:port…]. Default: the devnet's first aggregator.",
        Recursive = true,
    };

    public Option<string?> NodeId { get; } = new("--node-id")
    {
        Description = "The node's id (the key of its public grains). Default: the devnet node's (aggregator-1 without a devnet).",
        Recursive = true,
    };

    public Option<string?> ClusterId { get; } = new("--cluster-id")
    {
        Description = "The Orleans cluster id the node's silos run with. Default: the devnet node's (obscuro-devnet-aggregator-1 without a devnet).",
        Recursive = true,
    };

    public Option<string?> ServiceId { get; } = new("--service-id")
    {
        Description = "The Orleans service id the node's silos run with. Default: the devnet node's (obscuro-aggregator-1 without a devnet).",
        Recursive = true,
    };

    public Option<string?> Wallet { get; } = new("--wallet")
    {
        Description = "Keystore directory. Default: $OBSCURO_WALLET, else ~/.obscuro/wallet.",
        Recursive = true,
    };

    public Option<string?> Account { get; } = new("--account", "-a")
    {
        Description = "Account to use, by label or address. Default: the only account in the keystore.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON document on stdout instead of text (errors too), for scripts.",
        Recursive = true,
    };

    public Option<int?> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for L1 inclusion or payability before giving up (exit code 11). Default: 180 for inclusion, 600 for payability.",
        Recursive = true,
    };

    public Option<int?> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to keep trying the node's gateways before it counts as unavailable (exit code 7). Default: 10.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Deployment, L1, Node, NodeId, ClusterId, ServiceId, Wallet, Account, Json, Timeout, ConnectTimeout];
}
