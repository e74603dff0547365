using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>A round grain's persisted record: every verified candidate, this node's publication, and the generation's rollups on L1.</summary>
[GenerateSerializer]
[Alias("Obscuro.RoundState")]
public sealed class RoundState
{
    [Id(0)]
    public List<RoundOffer> Candidates { get; set; } = [];

    [Id(1)]
    public Hash256? OwnRollup { get; set; }

    [Id(2)]
    public Hash256? OwnPublicationTransaction { get; set; }

    [Id(3)]
    public ulong? OwnPublicationBlock { get; set; }

    [Id(4)]
    public List<RoundL1Rollup> OnL1 { get; set; } = [];

    [Id(5)]
    public List<Address> Equivocators { get; set; } = [];

    [Id(6)]
    public int OwnCandidateOffers { get; set; }
}
