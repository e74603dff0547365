using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// What ingesting one L1 block changed, as far as the host may know: the canonical rollup head after it, the standing
/// of the rollups it carried, which pending transactions are now in an L1-included canonical rollup (the mempool drops
/// them) or can never be included (nonce used), and L1 transactions the enclave asks the host to send.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.IngestOutcome")]
public sealed record IngestOutcome(
    [property: Id(0)] L1BlockNotice Block,
    [property: Id(1)] Hash256 HeadRollup,
    [property: Id(2)] ulong HeadGeneration,
    [property: Id(3)] IReadOnlyList<RollupStandingReport> Rollups,
    [property: Id(4)] IReadOnlyList<Hash256> IncludedTransactions,
    [property: Id(5)] IReadOnlyList<L1Call> Calls,
    [property: Id(6)] bool HeadChanged)
{
    /// <summary>
    /// Transactions of rollups that left the canonical chain (an L1 reorg removed them) and are not in the new canonical
    /// chain, sealed as admitted transactions (only an enclave reads them), in chain order: the mempool takes them back
    /// so that a later rollup includes them. Empty unless the head moved off a branch.
    /// </summary>
    [Id(7)]
    public IReadOnlyList<SealedTransaction> Abandoned { get; init; } = [];
}
