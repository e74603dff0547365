using Obscuro.Grains.Node;

namespace Obscuro.Silo.Gossip;

/// <summary>
/// The gossip endpoint's view of the node through its grains: the registry from the enclave's verified L1 view (cached
/// for <see cref="GossipOptions.PeerRefresh"/>, re-read at most every 250 ms on request), candidates into the round of
/// their generation, transactions into the mempool.
/// </summary>
public sealed class GrainGossipBridge(IGrainFactory grains, string nodeId, GossipOptions options, TimeProvider time) : IPeerSource, IGossipSink, IDisposable
{
    private static readonly TimeSpan MinimumRefresh = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private IReadOnlyList<PeerInfo> _peers = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<PeerInfo>> GetPeersAsync(bool refresh, CancellationToken cancellationToken)
    {
        var age = time.GetUtcNow() - _readAt;
        if (age < (refresh ? MinimumRefresh : options.PeerRefresh))
        {
            return _peers;
        }

        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (time.GetUtcNow() - _readAt >= (refresh ? MinimumRefresh : options.PeerRefresh))
            {
                _peers = await grains.GetGrain<IEnclaveGrain>(nodeId).GetPeersAsync().ConfigureAwait(false);
                _readAt = time.GetUtcNow();
            }

            return _peers;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    public Task AcceptCandidateAsync(RollupEnvelope candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return grains.GetGrain<IRoundGrain>($"{nodeId}/{candidate.Generation}").OfferAsync(RoundOffer.Of(candidate, own: false));
    }

    public Task AcceptTransactionAsync(byte[] ciphertext) =>
        grains.GetGrain<IMempoolGrain>(nodeId).SubmitAsync(ciphertext);
}
