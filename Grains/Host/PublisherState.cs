using Obscuro.Grains.Node;

namespace Obscuro.Grains.Host;

/// <summary>
/// The publisher's network and the rollups it published recently, so it never sends a second rollup on the same
/// parent (the enclave draws one lottery nonce per parent) nor the same one twice. The operator's L1 nonce is not
/// kept: the L1 sender reads it from the L1 node after every restart.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.PublisherState")]
public sealed class PublisherState
{
    [Id(0)]
    public NetworkSettings? Settings { get; set; }

    /// <summary>Newest last, bounded.</summary>
    [Id(1)]
    public List<PublishedRollup> Published { get; set; } = [];

    [Id(2)]
    public long RollupsPublished { get; set; }
}
