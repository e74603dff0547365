namespace Obscuro.Grains.Host;

/// <summary>How this aggregator takes part in rounds (<c>Obscuro:Node:Round</c>).</summary>
public sealed class RoundOptions
{
    /// <summary>
    /// L1 blocks after the parent's inclusion that each rank waits for before it publishes when nothing of the round
    /// reached L1: rank k publishes at <c>parentIncludedAt + k·timeout</c> (spec "Non-publishing Sequencer Scenario").
    /// </summary>
    public ulong PublicationTimeoutBlocks { get; set; } = 1;

    /// <summary>
    /// How long a new round waits for every registered aggregator's candidate before ranking what it has. A wall-clock
    /// bound on waiting only; who publishes is still decided by nonces and L1 blocks.
    /// </summary>
    public TimeSpan GossipWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Misbehave as a front-runner: publish this node's candidate at once whatever its rank. Models a malicious host
    /// (which could do this anyway) so tests can show the reward rules punish it; never set it on a real node.
    /// </summary>
    public bool FrontRun { get; set; }
}
