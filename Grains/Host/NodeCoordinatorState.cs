using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>
/// The coordinator's persisted view: the node's network, the branch of L1 blocks the enclave has ingested (newest
/// last, bounded; the enclave's own record wins after a restart), the rollups recorded from those blocks, the rollup head
/// it reported, and the counters of <see cref="NodeStatus"/>.
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

    /// <summary>
    /// The rollups recorded from the blocks in <see cref="Ingested"/> (only those): when an L1 reorg replaces blocks, these
    /// say which rollup and round records describe a block that is gone.
    /// </summary>
    [Id(8)]
    public List<RecordedRollup> Recorded { get; set; } = [];
}

/// <summary>A rollup the coordinator recorded from an ingested L1 block: where, with which standing, and (outside genesis) whose round.</summary>
/// <param name="Block">The L1 block that carried it.</param>
/// <param name="RollupHash">The rollup.</param>
/// <param name="Generation">Its generation, the key of its round.</param>
/// <param name="Standing">The enclave's standing for it in that block.</param>
/// <param name="Aggregator">Its aggregator's enclave when it was recorded in its round (null for genesis or an unreadable publication).</param>
[GenerateSerializer]
[Alias("Obscuro.RecordedRollup")]
public sealed record RecordedRollup(
    [property: Id(0)] L1BlockNotice Block,
    [property: Id(1)] Hash256 RollupHash,
    [property: Id(2)] ulong Generation,
    [property: Id(3)] string Standing,
    [property: Id(4)] Address? Aggregator);
