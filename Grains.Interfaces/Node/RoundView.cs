using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>One candidate of a round as an operator sees it, with its rank among the candidates on the same parent.</summary>
[GenerateSerializer]
[Alias("Obscuro.RoundCandidateView")]
public sealed record RoundCandidateView(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] Hash256 ParentHash,
    [property: Id(2)] Address Aggregator,
    [property: Id(3)] UInt256 Nonce,
    [property: Id(4)] int Rank,
    [property: Id(5)] bool Own);

/// <summary>A rollup of the round on L1 with the reward class the protocol gives it (from what reached L1, as the ledger pays it).</summary>
[GenerateSerializer]
[Alias("Obscuro.RoundPublicationView")]
public sealed record RoundPublicationView(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] Address Aggregator,
    [property: Id(2)] UInt256 Nonce,
    [property: Id(3)] ulong L1Block,
    [property: Id(4)] string Standing,
    [property: Id(5)] string RewardClass);

/// <summary>
/// One generation's lottery as this node saw it (public data): the candidates by rank on the node's parent, the
/// winner (lowest nonce), the node's own candidate and publication, the rollups of the generation that reached L1 with
/// their reward classes, and which one became canonical.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.RoundView")]
public sealed record RoundView(
    [property: Id(0)] string NodeId,
    [property: Id(1)] ulong Generation,
    [property: Id(2)] Hash256? ParentHash,
    [property: Id(3)] ulong? ParentIncludedAt,
    [property: Id(4)] IReadOnlyList<RoundCandidateView> Candidates,
    [property: Id(5)] RoundCandidateView? Winner,
    [property: Id(6)] Hash256? OwnRollup,
    [property: Id(7)] Hash256? OwnPublicationTransaction,
    [property: Id(8)] ulong? OwnPublicationBlock,
    [property: Id(9)] IReadOnlyList<RoundPublicationView> OnL1,
    [property: Id(10)] RoundPublicationView? Canonical,
    [property: Id(11)] IReadOnlyList<Address> Equivocators)
{
    /// <summary>
    /// How often this node's enclave handed the round its candidate (the host asks after every L1 block, and again after
    /// a restart); every time the same one, or the node would be listed among <see cref="Equivocators"/>.
    /// </summary>
    [Id(12)]
    public int OwnCandidateOffers { get; init; }
}
