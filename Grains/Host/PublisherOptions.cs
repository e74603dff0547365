using Obscuro.Contracts.L1;

namespace Obscuro.Grains.Host;

/// <summary>How the publisher builds and sends (section <c>Obscuro:Node</c> on host silos).</summary>
public sealed class PublisherOptions
{
    /// <summary>Pending transactions offered to the enclave for one candidate rollup.</summary>
    public int MaxRollupTransactions { get; set; } = 1_000;

    /// <summary>
    /// Gas added to a publishRollup estimate. The estimate is made against the pending state, where the rollup is often
    /// its parent's first child; if another aggregator's rollup on the same parent is mined first (a fallback publisher,
    /// a front-runner, the winner claiming its round), this one opens a new branch and RollupManagement tracks one
    /// more head: tens of thousands of gas more, which would otherwise run the transaction out of gas.
    /// </summary>
    public ulong PublicationGasAllowance { get; set; } = 150_000;

    /// <summary>Pricing, confirmations and fee bumps of the operator's L1 transactions.</summary>
    public L1SenderOptions Sender { get; set; } = new();
}
