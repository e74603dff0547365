using Obscuro.Grains.Node;

namespace Obscuro.Silo.Devnet.Status;

/// <summary>
/// One node at one moment: its status (null when it did not answer, with <see cref="Error"/> saying why), its recent
/// throughput, and for an aggregator the rewards its rollups earned (<see cref="Rewards"/>).
/// </summary>
public sealed record NodeSample(DevnetNodeSpec Spec, NodeStatus? Status, string? Error, double TransactionsPerSecond)
{
    public RewardTally Rewards { get; init; } = RewardTally.None;
}

/// <summary>
/// How many of an aggregator's rollups on L1 (by its enclave's address) the protocol rewards, by class (Full: published in the block after its
/// parent; Minimal: one block later), counted over the rounds the status view has read since it started.
/// </summary>
public sealed record RewardTally(long Full, long Minimal)
{
    public static readonly RewardTally None = new(0, 0);

    /// <summary>"12 full + 1 min".</summary>
    public override string ToString() => Minimal == 0 ? $"{Full} full" : $"{Full} full + {Minimal} min";
}
