using Obscuro.Protocol.Ethereum;
using Orleans.Concurrency;

namespace Obscuro.Grains.Node;

/// <summary>
/// Host side, keyed <c>{nodeId}/{generation}</c>: the POBI lottery of one generation as this node sees it (ARCHITECTURE
/// §7). Records the verified candidates (its own and gossiped ones), what this node published, and the rollups of the
/// generation that reached L1 with their reward classes. Public data only. Internal: operators read it through
/// <see cref="INodeApiGrain.GetRoundAsync"/>.
/// </summary>
[Alias("Obscuro.IRoundGrain")]
public interface IRoundGrain : IGrainWithStringKey
{
    /// <summary>Adds a verified candidate; false when it was already known (or its aggregator equivocated).</summary>
    [Alias("Offer")]
    Task<bool> OfferAsync(RoundOffer offer);

    /// <summary>
    /// The round once <paramref name="expected"/> candidates on <paramref name="parentHash"/> are known, or when
    /// <paramref name="timeout"/> has passed, whichever comes first: a silent peer never blocks the round.
    /// </summary>
    [AlwaysInterleave]
    [Alias("WaitForCandidates")]
    Task<RoundView> WaitForCandidatesAsync(Hash256 parentHash, int expected, TimeSpan timeout);

    /// <summary>Records this node's publication of its candidate.</summary>
    [Alias("RecordPublication")]
    Task RecordPublicationAsync(Hash256 rollupHash, Hash256 l1Transaction, ulong l1Block);

    /// <summary>Records a rollup of this generation that an ingested L1 block carried (idempotent by rollup hash and block).</summary>
    [Alias("RecordL1")]
    Task RecordL1Async(RoundL1Rollup rollup);

    /// <summary>
    /// An L1 reorg removed L1 block <paramref name="l1Block"/>, which carried <paramref name="rollupHash"/>: the round no
    /// longer counts it as on L1 (nor as this node's publication), so neither its standing nor its reward class stays
    /// until a block of the new fork carries it again.
    /// </summary>
    [Alias("ForgetL1")]
    Task ForgetL1Async(Hash256 rollupHash, ulong l1Block);

    [AlwaysInterleave]
    [Alias("Get")]
    Task<RoundView> GetAsync();
}
