using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>
/// The coordinator's persisted view: the node's network, the branch of L1 blocks the enclave has ingested (newest
/// last, bounded; the enclave's own record wins after a restart), the rollup head it reported, and the counters of
/// <see cref="NodeStatus"/>.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.NodeCoordinatorState")]
public sealed class NodeCoordinatorState
{
    [Id(0)]
    public NetworkSettings? Settings { get; set; }

    [Id(1)]
    public List<L1BlockNotice> Ingested { get; set; } = [];

    [Id(2)]
    public Hash256 HeadRollup { get; set; }

    [Id(3)]
    public ulong HeadGeneration { get; set; }

    [Id(4)]
    public long IncludedTransactions { get; set; }

    [Id(5)]
    public long RollupsPublished { get; set; }

    /// <summary>This node's enclave address, learned from its first candidate (public: it signs rollups with it).</summary>
    [Id(6)]
    public Address? OwnEnclave { get; set; }

    [Id(7)]
    public long RoundsWon { get; set; }
}
