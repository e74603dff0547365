using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Devnet.Status;

/// <summary>How a node's head (a verifier's, or another aggregator's) compares with the first aggregator's rollup at the same generation.</summary>
public sealed record Agreement(AgreementKind Kind, ulong Generation, Hash256 Verifier, Hash256? Aggregator)
{
    /// <summary>What the status view prints: "agrees", or both hashes when they differ.</summary>
    public string Describe(ulong aggregatorGeneration) => Kind switch
    {
        AgreementKind.Agrees when aggregatorGeneration > Generation => $"agrees ({aggregatorGeneration - Generation} behind)",
        AgreementKind.Agrees => "agrees",
        AgreementKind.Differs => $"DIFFERS at {Generation}: first aggregator {ShortForm.Hash(Aggregator!.Value)}, this node {ShortForm.Hash(Verifier)}",
        AgreementKind.NoRollup => "no rollup yet",
        AgreementKind.Ahead => $"ahead of the first aggregator (at {Generation})",
        _ => $"not comparable yet (at {Generation})",
    };
}
