using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// A verified candidate entering a round: what ranking needs (public header fields of the signed rollup) and whether it
/// is this node's own. Candidates arrive already checked (own enclave, or gossip whose enclave signature was verified
/// against the registry).
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.RoundOffer")]
public sealed record RoundOffer(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] Hash256 ParentHash,
    [property: Id(2)] Address Aggregator,
    [property: Id(3)] UInt256 Nonce,
    [property: Id(4)] ulong ParentIncludedAt,
    [property: Id(5)] bool Own)
{
    public static RoundOffer Of(RollupEnvelope candidate, bool own)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new RoundOffer(candidate.RollupHash, candidate.ParentHash, candidate.Aggregator, candidate.Nonce, candidate.InclusionBlockNumber, own);
    }
}

/// <summary>A rollup of the round's generation as it reached L1: its header's lottery fields, the block, and the enclave's verdict.</summary>
[GenerateSerializer]
[Alias("Obscuro.RoundL1Rollup")]
public sealed record RoundL1Rollup(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] Hash256 ParentHash,
    [property: Id(2)] Address Aggregator,
    [property: Id(3)] UInt256 Nonce,
    [property: Id(4)] ulong ParentIncludedAt,
    [property: Id(5)] ulong L1Block,
    [property: Id(6)] string Standing);
