namespace Obscuro.Silo.Node;

/// <summary>Configuration section <c>Obscuro:Node</c>: what this node is and how its host side runs.</summary>
public sealed class NodeSettings
{
    public const string Aggregator = "aggregator";
    public const string Verifier = "verifier";

    /// <summary><c>aggregator</c> (produces and publishes rollups, stakes) or <c>verifier</c> (follows L1 only).</summary>
    public string? Type { get; set; }

    /// <summary>Whether this node creates the network (generates the master seed) when L1 shows none yet.</summary>
    public bool GenesisNode { get; set; }

    public RegistrationConfig Registration { get; set; } = new();

    /// <summary>How often the L1 watcher polls the L1 head, in milliseconds.</summary>
    public int PollIntervalMilliseconds { get; set; } = 250;

    /// <summary>The deepest L1 reorg the watcher follows.</summary>
    public int MaxReorgDepth { get; set; } = 64;

    /// <summary>Admitted transactions the mempool holds at most.</summary>
    public int MempoolCapacity { get; set; } = 10_000;

    /// <summary>Pending transactions offered to the enclave for one rollup.</summary>
    public int MaxRollupTransactions { get; set; } = 1_000;

    /// <summary>Blocks on top of an L1 transaction's block before the publisher counts it done (1 = included).</summary>
    public int L1Confirmations { get; set; } = 1;
}
