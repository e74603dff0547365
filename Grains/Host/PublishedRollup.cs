using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>A rollup this node's publisher got onto L1 (or found already there).</summary>
[GenerateSerializer]
[Alias("Obscuro.PublishedRollup")]
public sealed record PublishedRollup(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] Hash256 ParentHash,
    [property: Id(2)] Hash256? L1Transaction,
    [property: Id(3)] ulong? L1Block);
