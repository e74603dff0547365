using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>A rollup's public record on one node.</summary>
[GenerateSerializer]
[Alias("Obscuro.RollupRecord")]
public sealed record RollupRecord(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] Hash256 ParentHash,
    [property: Id(2)] ulong Generation,
    [property: Id(3)] L1BlockNotice? IncludedIn,
    [property: Id(4)] string Standing,
    [property: Id(5)] IReadOnlyList<Hash256> Children);
