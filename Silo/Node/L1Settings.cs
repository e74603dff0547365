namespace Obscuro.Silo.Node;

/// <summary>Configuration section <c>Obscuro:L1</c>: the L1 node a host silo reads and sends through.</summary>
public sealed class L1Settings
{
    /// <summary>JSON-RPC HTTP endpoint of the L1 node (e.g. <c>http://127.0.0.1:8545</c>); a hosted node's API key in its path is never logged.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The L1 chain id, checked against the node's at start; when absent, the node's own is used (and checked against the deployment file).</summary>
    public ulong? ChainId { get; set; }

    /// <summary>How long one JSON-RPC attempt may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
