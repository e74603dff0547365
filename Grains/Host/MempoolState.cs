using Obscuro.Grains.Node;

namespace Obscuro.Grains.Host;

/// <summary>The mempool's admitted transactions in arrival order (sealed by the enclave), and how many it ever admitted.</summary>
[GenerateSerializer]
[Alias("Obscuro.MempoolState")]
public sealed class MempoolState
{
    [Id(0)]
    public List<SealedTransaction> Pending { get; set; } = [];

    [Id(1)]
    public long Admitted { get; set; }
}
