using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>The enclave's one candidate for the current head (the same one when asked again), or why there is none yet.</summary>
[GenerateSerializer]
[Alias("Obscuro.CandidateResult")]
public sealed record CandidateResult(
    [property: Id(0)] RollupEnvelope? Rollup,
    [property: Id(1)] IReadOnlyList<Hash256> IncludedTransactions,
    [property: Id(2)] string? NotReadyReason)
{
    /// <summary>
    /// Pending transactions that can never be included (their nonce is already used on the L1-included head, or they
    /// are not a sealed admitted transaction): the mempool drops them. Empty when there is nothing to drop.
    /// </summary>
    [Id(3)]
    public IReadOnlyList<Hash256> Unincludable { get; init; } = [];
}
