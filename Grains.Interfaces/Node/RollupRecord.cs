using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// A rollup's public record on one node: the L1 block that includes it and the enclave's standing for it there
/// (<c>canonical</c>, <c>sibling</c>, <c>ignored</c>, <c>rejected</c>, <c>unreadable</c>), or <see cref="RemovedStanding"/>
/// with no block once an L1 reorg has removed that block (until a block of the new fork carries the rollup again).
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.RollupRecord")]
public sealed record RollupRecord(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] Hash256 ParentHash,
    [property: Id(2)] ulong Generation,
    [property: Id(3)] L1BlockNotice? IncludedIn,
    [property: Id(4)] string Standing,
    [property: Id(5)] IReadOnlyList<Hash256> Children)
{
    /// <summary>The standing of a rollup whose L1 block an L1 reorg removed: it is on no block of the node's L1 chain.</summary>
    public const string RemovedStanding = "removed";
}
