using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Pobi;

namespace Obscuro.Grains.Host;

/// <summary>
/// The aggregator's part in POBI rounds (spec "Typical Scenario"), run beside ingestion after every L1 block: ask the
/// enclave for its one candidate on the head (it needs the parent's inclusion in a block the enclave ingested, and
/// returns the same candidate when asked again; a new one is built only from a pending list read after the mempool
/// dropped the head's transactions, see <see cref="_mempoolHead"/>), enter it in the generation's <see cref="IRoundGrain"/> and gossip it,
/// wait (once per round, bounded) for every registered aggregator's candidate, then publish only if
/// <see cref="Round.ShouldPublish"/> says so: the lowest nonce at once, rank k after k·timeout L1 blocks without the
/// round on L1. A losing candidate is simply not published; its transactions stay in the mempool.
/// <para>
/// When another aggregator's rollup of a round reaches L1 first although this node's candidate has the lowest nonce
/// (a front-runner, or a fallback publisher racing a late winner), the winner still publishes its own while it can land
/// within the reward window: the lowest published nonce is what earns, so the front-runner is paid nothing
/// (spec "Incentives for publishing"); its rollup stays canonical and the winner's becomes a sibling.
/// </para>
/// </summary>
public sealed partial class NodeCoordinatorGrain
{
    // An enclave that is not ready (just restarted, still catching up) is asked again a few times without waiting for
    // the next L1 block, which may be long in coming: a restarted winner must still hand its round its candidate.
    private const int MaxRoundRetries = 20;
    private static readonly TimeSpan RoundRetryDelay = TimeSpan.FromMilliseconds(500);
    private int _roundRetries;
    private IGrainTimer? _roundRetry;
    private ulong _waitedForGeneration = ulong.MaxValue;
    private RollupEnvelope? _undecided;

    private IGossipOutbox Gossip => ServiceProvider.GetService<IGossipOutbox>() ?? NoGossip.Instance;

    private async Task RoundStepAsync()
    {
        await ClaimDecidedRoundAsync();

        // Read before the list: if an ingest moves the head meanwhile, the enclave sees that the list is older than its
        // head and says not ready; the ingest's own follow-up asks again once the mempool has caught up.
        var pendingAsOf = _mempoolHead;
        var pending = await Mempool.GetPendingAsync(publisherOptions.Value.MaxRollupTransactions);
        var candidate = await Enclave.ProduceCandidateOnAsync(pendingAsOf, pending);
        if (candidate.Unincludable.Count > 0)
        {
            await Mempool.RemoveAsync(candidate.Unincludable);
        }

        if (candidate.Rollup is not { } envelope)
        {
            LogNotPublished(logger, _nodeId, candidate.NotReadyReason ?? "the enclave has no candidate");
            ScheduleRoundRetry();
            return;
        }

        _roundRetries = 0;

        if (state.State.OwnEnclave != envelope.Aggregator)
        {
            state.State.OwnEnclave = envelope.Aggregator;
            await Writer.WriteAsync();
        }

        if (envelope.ParentHash.IsZero)
        {
            // The genesis rollup has no round: only the genesis node produces one.
            await PublishOwnAsync(envelope, null);
            return;
        }

        var round = GrainFactory.GetGrain<IRoundGrain>(RoundKey(envelope.Generation));
        if (await round.OfferAsync(RoundOffer.Of(envelope, own: true)))
        {
            Gossip.Candidate(envelope);
        }

        var options = roundOptions.Value;
        if (options.FrontRun)
        {
            await PublishOwnAsync(envelope, round);
            return;
        }

        RoundView view;
        if (_waitedForGeneration != envelope.Generation)
        {
            var expected = (await Enclave.GetPeersAsync()).Count(peer => peer.IsAggregator && peer.Provisioned);
            view = await round.WaitForCandidatesAsync(envelope.ParentHash, Math.Max(1, expected), options.GossipWindow);
            _waitedForGeneration = envelope.Generation;
        }
        else
        {
            view = await round.GetAsync();
        }

        var ranking = new Round(envelope.ParentHash, envelope.InclusionBlockNumber, Math.Max(1, options.PublicationTimeoutBlocks));
        foreach (var c in view.Candidates.Where(c => c.ParentHash == envelope.ParentHash))
        {
            ranking.TryAdd(new RoundCandidate(c.RollupHash, c.Aggregator, c.Nonce));
        }

        var l1Head = state.State.Ingested.Count > 0 ? state.State.Ingested[^1].Number : 0;
        var included = state.State.HeadGeneration >= envelope.Generation && !state.State.HeadRollup.IsZero;
        if (!ranking.ShouldPublish(envelope.Aggregator, l1Head, included))
        {
            _undecided = envelope;
            var rank = ranking.RankOf(envelope.Aggregator);
            var candidates = view.Candidates.Count;
            LogRoundWaiting(logger, _nodeId, envelope.Generation, rank, candidates, l1Head);
            return;
        }

        await PublishOwnAsync(envelope, round);
    }

    /// <summary>
    /// The round of the candidate this node held back is now decided on L1. If that candidate was the lowest nonce and
    /// is not on L1, someone else's rollup got in first: publish ours while it can still land by
    /// <c>parentIncludedAt + 2</c>, the last block the reward rules count.
    /// </summary>
    private async Task ClaimDecidedRoundAsync()
    {
        if (_undecided is not { } held || state.State.HeadGeneration < held.Generation || state.State.HeadRollup.IsZero)
        {
            return;
        }

        _undecided = null;
        var l1Head = state.State.Ingested.Count > 0 ? state.State.Ingested[^1].Number : 0;
        if (l1Head >= held.InclusionBlockNumber + 2)
        {
            return;
        }

        var round = GrainFactory.GetGrain<IRoundGrain>(RoundKey(held.Generation));
        var view = await round.GetAsync();
        if (view.Winner is { Own: true } winner && winner.RollupHash == held.RollupHash && !view.OnL1.Any(r => r.RollupHash == held.RollupHash))
        {
            LogClaiming(logger, _nodeId, held.Generation, held.RollupHash);
            await PublishOwnAsync(held, round);
        }
    }

    private async Task PublishOwnAsync(RollupEnvelope envelope, IRoundGrain? round)
    {
        var report = await Publisher.PublishAsync(envelope);
        if (report.L1Transaction is { } transaction && report.L1Block is { } block && report.NotPublishedReason is null)
        {
            state.State.RollupsPublished++;
            await Writer.WriteAsync();
            if (round is not null)
            {
                await round.RecordPublicationAsync(envelope.RollupHash, transaction, block);
            }
        }
        else
        {
            LogNotPublished(logger, _nodeId, report.NotPublishedReason ?? "no reason given");
        }
    }

    private void ScheduleRoundRetry()
    {
        if (_roundRetry is not null || _roundRetries >= MaxRoundRetries || state.State.Settings is not { IsAggregator: true })
        {
            return;
        }

        _roundRetries++;
        _roundRetry = this.RegisterGrainTimer(
            _ =>
            {
                _roundRetry?.Dispose();
                _roundRetry = null;
                RequestPublication();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(RoundRetryDelay, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    private string RoundKey(ulong generation) => $"{_nodeId}/{generation}";

    /// <summary>Records a rollup an ingested block carried in its generation's round (public header fields from the calldata).</summary>
    private async Task RecordInRoundAsync(L1BlockNotice block, RollupStandingReport report, Protocol.Rollups.RollupHeader header)
    {
        await GrainFactory.GetGrain<IRoundGrain>(RoundKey(header.Generation)).RecordL1Async(new RoundL1Rollup(
            header.Hash, header.ParentHash, header.Aggregator, header.Nonce, header.InclusionBlockNumber, block.Number, report.Standing));
        if (report.Standing == Canonical && header.Aggregator == state.State.OwnEnclave)
        {
            // Counted when seen canonical; a reorg that removes its block subtracts it again (TakeRemovedRollups).
            state.State.RoundsWon++;
            await Writer.WriteAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: round {Generation} went to L1 with another rollup although this node's candidate {RollupHash} has the lowest nonce; publishing it to claim the round")]
    private static partial void LogClaiming(ILogger logger, string nodeId, ulong generation, Hash256 rollupHash);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {NodeId}: round {Generation}: rank {Rank} of {Candidates} at L1 block {L1Head}; not publishing now")]
    private static partial void LogRoundWaiting(ILogger logger, string nodeId, ulong generation, int rank, int candidates, ulong l1Head);
}
