namespace Obscuro.Silo.Gossip;

/// <summary>Configuration section <c>Obscuro:Gossip</c>: the aggregator's gossip endpoint and its limits.</summary>
public sealed class GossipOptions
{
    public const string SectionName = "Obscuro:Gossip";

    /// <summary>
    /// Where this host silo listens, e.g. <c>http://0.0.0.0:12000</c>; default: the registered endpoint
    /// (<c>Obscuro:Node:Registration:Endpoint</c>). Empty on a verifier: no gossip.
    /// </summary>
    public string? Listen { get; set; }

    /// <summary>Largest candidate accepted (publishRollup calldata), in bytes.</summary>
    public int MaxCandidateBytes { get; set; } = 1 << 20;

    /// <summary>Largest encrypted transaction accepted, in bytes.</summary>
    public int MaxTransactionBytes { get; set; } = 128 * 1024;

    /// <summary>Requests per second a peer may send on average, and how many at once (token bucket).</summary>
    public double RatePerSecond { get; set; } = 200;

    public int Burst { get; set; } = 400;

    /// <summary>How far a request's sequence (the sender's clock, ms) may be from ours; older ones are replays.</summary>
    public TimeSpan Freshness { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the list of registered peers is reused before it is read from the enclave again.</summary>
    public TimeSpan PeerRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per message to a peer that is down (with backoff) before it is dropped.</summary>
    public int MaxAttempts { get; set; } = 6;
}
