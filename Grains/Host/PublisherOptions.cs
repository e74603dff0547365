using Obscuro.Contracts.L1;

namespace Obscuro.Grains.Host;

/// <summary>How the publisher builds and sends (section <c>Obscuro:Node</c> on host silos).</summary>
public sealed class PublisherOptions
{
    /// <summary>Pending transactions offered to the enclave for one candidate rollup.</summary>
    public int MaxRollupTransactions { get; set; } = 1_000;

    /// <summary>Pricing, confirmations and fee bumps of the operator's L1 transactions.</summary>
    public L1SenderOptions Sender { get; set; } = new();
}
