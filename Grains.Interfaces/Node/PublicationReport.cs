using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>Outcome of one publication attempt: the rollup and its L1 transaction, or why nothing was published.</summary>
[GenerateSerializer]
[Alias("Obscuro.PublicationReport")]
public sealed record PublicationReport(
    [property: Id(0)] Hash256? RollupHash,
    [property: Id(1)] Hash256? L1Transaction,
    [property: Id(2)] ulong? L1Block,
    [property: Id(3)] string? NotPublishedReason);
