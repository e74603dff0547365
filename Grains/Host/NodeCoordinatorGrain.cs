using Microsoft.Extensions.Logging;
using Obscuro.Contracts.Abi;
using RollupManagementContract = Obscuro.Contracts.Bindings.RollupManagementContract;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Orleans.Concurrency;
using Orleans.Streams;

namespace Obscuro.Grains.Host;

/// <summary>
/// The node's control loop (host side), keyed by node id.
/// <para>
/// Start: configure the publisher, start the enclave (<see cref="IEnclaveGrain.StartAsync"/>), then start the L1
/// watcher from the enclave's last ingested block, or from the network's anchor on a fresh enclave. After any restart
/// of this grain (its silo died, the cluster restarted) it does the same on its own, so L1 delivery always resumes from
/// where the enclave is, whatever the stream delivered meanwhile.
/// </para>
/// <para>
/// Blocks: the L1 stream's notices are queued as they arrive and ingested one at a time, in order, by a loop that
/// retries each with backoff until the enclave takes it; a notice is never dropped while it is next. A notice already
/// on the ingested branch is skipped (consumers are idempotent by hash); a notice whose parent is an earlier block of
/// the branch is a reorg and goes to the enclave as a fork switch; a notice whose parent is unknown means notices were
/// lost, and the watcher is asked to replay from the last ingested block. After each block, the outcome is passed on:
/// included transactions leave the mempool, those of rollups a reorg removed return to it, published rollups get their
/// records (and those whose blocks a reorg removed are recorded as removed, in their rounds too), calls the enclave prepared go to the
/// publisher, and an aggregator publishes on a new head or while transactions are pending. Publication runs beside
/// ingestion (one at a time), since it waits for L1 inclusion.
/// </para>
/// <para>
/// Reentrant so that status queries answer while a block is being retried; all of its code runs on the activation's
/// single thread, and state writes are coalesced.
/// </para>
/// </summary>
[Reentrant]
[ImplicitStreamSubscription(StreamNamespaces.L1Blocks)]
public sealed partial class NodeCoordinatorGrain(
    [PersistentState("coordinator")] IPersistentState<NodeCoordinatorState> state,
    Microsoft.Extensions.Options.IOptions<RoundOptions> roundOptions,
    Microsoft.Extensions.Options.IOptions<PublisherOptions> publisherOptions,
    ILogger<NodeCoordinatorGrain> logger)
    : Grain, INodeCoordinatorGrain, IDisposable
{
    private const int IngestedKept = 256;
    private const int FollowUpAttempts = 3;
    private const string Canonical = "canonical";
    private static readonly TimeSpan ReplayRequestInterval = TimeSpan.FromSeconds(5);

    private readonly Queue<L1BlockNotice> _queue = new();
    private readonly CancellationTokenSource _deactivating = new();
    private StateWriteCoalescer? _writer;
    private string _nodeId = string.Empty;
    private Task? _starting;
    private bool _started;
    private Task? _pump;
    private Task? _publishing;
    private bool _publishRequested;
    private (Hash256 From, DateTime At)? _replayRequested;

    /// <summary>
    /// The rollup head the mempool has caught up with (the head's transactions removed, those of rollups a reorg
    /// abandoned back): a pending list read after this was set is fit to build on that head. Set only once the mempool
    /// follow-ups of an ingest are done, so a publication step that read the list before then is refused by the enclave
    /// rather than filling its one candidate with the head's own transactions.
    /// </summary>
    private Hash256 _mempoolHead;

    private StateWriteCoalescer Writer => _writer ??= new StateWriteCoalescer(() => state.WriteStateAsync());

    private IEnclaveGrain Enclave => GrainFactory.GetGrain<IEnclaveGrain>(_nodeId);

    private IL1WatcherGrain Watcher => GrainFactory.GetGrain<IL1WatcherGrain>(_nodeId);

    private IMempoolGrain Mempool => GrainFactory.GetGrain<IMempoolGrain>(_nodeId);

    private IPublisherGrain Publisher => GrainFactory.GetGrain<IPublisherGrain>(_nodeId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nodeId = this.GetPrimaryKeyString();
        var stream = this.GetStreamProvider(StreamProviderNames.L1)
            .GetStream<L1BlockNotice>(StreamId.Create(StreamNamespaces.L1Blocks, _nodeId));
        await stream.SubscribeAsync((notice, _) => OnNoticeAsync(notice));

        if (state.State.Settings is { } settings)
        {
            // A restart: resume on our own, retrying until the enclave is reachable.
            _ = ResumeAsync(settings);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public void Dispose() => _deactivating.Dispose();

    async Task INodeCoordinatorGrain.StartAsync(NetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (state.State.Settings is { } persisted)
        {
            NetworkSettingsComparison.RequireSame(persisted, settings, "node coordinator");
        }
        else
        {
            state.State.Settings = settings;
            await Writer.WriteAsync();
        }

        await StartOnceAsync(settings);
    }

    async Task<NodeStatus> INodeCoordinatorGrain.GetStatusAsync()
    {
        var pending = await Mempool.CountAsync();
        var admitted = await Mempool.GetAdmittedCountAsync();
        var watched = await Watcher.GetHeadAsync();
        EnclaveStatus? enclave = null;
        try
        {
            enclave = await Enclave.GetStatusAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or ArgumentException)
        {
            // The status still answers while the enclave is down; Enclave = null says so.
            LogEnclaveStatusUnavailable(logger, _nodeId, e.Message);
        }

        return new NodeStatus(
            _nodeId,
            state.State.Settings?.IsAggregator ?? false,
            watched?.Number ?? 0,
            state.State.HeadRollup,
            state.State.HeadGeneration,
            pending,
            admitted,
            state.State.IncludedTransactions,
            state.State.RollupsPublished,
            enclave)
        {
            RoundsWon = state.State.RoundsWon,
        };
    }

    private Task OnNoticeAsync(L1BlockNotice notice)
    {
        _queue.Enqueue(notice);
        EnsurePump();
        return Task.CompletedTask;
    }

    /// <summary>One attempt of the start sequence, shared by concurrent callers; a failed attempt can be retried.</summary>
    private async Task StartOnceAsync(NetworkSettings settings)
    {
        if (_started)
        {
            return;
        }

        _starting ??= StartSequenceAsync(settings);
        try
        {
            await _starting;
        }
        catch
        {
            _starting = null;
            throw;
        }
    }

    private async Task StartSequenceAsync(NetworkSettings settings)
    {
        await Publisher.ConfigureAsync(settings);
        var enclave = await Enclave.StartAsync(settings);
        var resume = enclave.LastIngested ?? settings.Anchor;
        var ingested = state.State.Ingested;
        var at = ingested.FindLastIndex(block => block.Hash == resume.Hash);
        if (at >= 0)
        {
            ingested.RemoveRange(at + 1, ingested.Count - at - 1);
        }
        else
        {
            state.State.Ingested = [resume];
        }

        state.State.HeadRollup = enclave.HeadRollup;
        state.State.HeadGeneration = enclave.HeadGeneration;

        // What the mempool was told before a restart is not known here; an included transaction it still holds is
        // reported unincludable by the enclave and dropped, so building on the enclave's head at once is safe.
        _mempoolHead = enclave.HeadRollup;
        await Writer.WriteAsync();
        await Watcher.StartAsync(resume);
        _started = true;
        LogStarted(logger, _nodeId, settings.IsAggregator ? "aggregator" : "verifier", resume.Number, resume.Hash);
        EnsurePump();
        if (settings.IsAggregator)
        {
            // After a restart the round on the current head resumes at once (the enclave hands back the same candidate),
            // rather than waiting for the next L1 block.
            RequestPublication();
        }
    }

    private async Task ResumeAsync(NetworkSettings settings)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));
        while (!_started && !_deactivating.IsCancellationRequested)
        {
            try
            {
                await StartOnceAsync(settings);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogResumeFailed(logger, _nodeId, backoff.Failures + 1, e.GetType().Name, e.Message);
                await WaitAsync(backoff);
            }
        }
    }

    private void EnsurePump()
    {
        if (_started && _queue.Count > 0 && (_pump is null || _pump.IsCompleted))
        {
            _pump = PumpAsync();
        }
    }

    private async Task PumpAsync()
    {
        while (_queue.Count > 0 && !_deactivating.IsCancellationRequested)
        {
            await ProcessAsync(_queue.Dequeue());
        }
    }

    private async Task ProcessAsync(L1BlockNotice notice)
    {
        var ingested = state.State.Ingested;
        if (ingested.Exists(block => block.Hash == notice.Hash))
        {
            return;
        }

        var parentAt = ingested.FindLastIndex(block => block.Hash == notice.ParentHash);
        if (parentAt < 0)
        {
            await RequestReplayAsync(notice);
            return;
        }

        if (parentAt < ingested.Count - 1)
        {
            LogForkSwitch(logger, _nodeId, notice.Number, notice.Hash, ingested[^1].Number);
        }

        var outcome = await IngestAsync(notice);
        if (outcome is null)
        {
            return;
        }

        var replaced = ingested.Skip(parentAt + 1).Select(block => block.Hash).ToHashSet();
        ingested.RemoveRange(parentAt + 1, ingested.Count - parentAt - 1);
        ingested.Add(notice);
        if (ingested.Count > IngestedKept)
        {
            ingested.RemoveRange(0, ingested.Count - IngestedKept);
        }

        var removed = TakeRemovedRollups(replaced);
        state.State.HeadRollup = outcome.HeadRollup;
        state.State.HeadGeneration = outcome.HeadGeneration;
        state.State.IncludedTransactions += outcome.IncludedTransactions.Count - outcome.Abandoned.Count;
        _replayRequested = null;
        _roundRetries = 0;
        await Writer.WriteAsync();
        if (removed.Count > 0)
        {
            // Before this block's own rollups are recorded: one of them may be a removed rollup published again.
            await FollowUpAsync("records of rollups an L1 reorg removed", () => ForgetRemovedRollupsAsync(notice, removed));
        }

        await PassOnAsync(notice, outcome);
    }

    /// <summary>
    /// Drops the rollup records of blocks no longer on the ingested branch and returns those of the blocks a fork switch
    /// replaced (the others only aged out of the branch). A round won in a replaced block is no longer counted as won; it
    /// is counted again if the new fork makes this node's rollup canonical again.
    /// </summary>
    private List<RecordedRollup> TakeRemovedRollups(HashSet<Hash256> replaced)
    {
        var recorded = state.State.Recorded;
        var removed = replaced.Count == 0 ? [] : recorded.FindAll(rollup => replaced.Contains(rollup.Block.Hash));
        var branch = state.State.Ingested.Select(block => block.Hash).ToHashSet();
        recorded.RemoveAll(rollup => !branch.Contains(rollup.Block.Hash));
        state.State.RoundsWon -= removed.Count(rollup => rollup.Standing == Canonical && rollup.Aggregator is { } aggregator && aggregator == state.State.OwnEnclave);
        return removed;
    }

    /// <summary>
    /// An L1 reorg removed the blocks that carried these rollups: their records and rounds must not go on saying they are
    /// on L1 (canonical, in a block that no longer exists, with a reward class). Both calls are idempotent.
    /// </summary>
    private async Task ForgetRemovedRollupsAsync(L1BlockNotice notice, List<RecordedRollup> removed)
    {
        foreach (var rollup in removed)
        {
            await GrainFactory.GetGrain<IRollupGrain>($"{_nodeId}/{rollup.RollupHash}").MarkRemovedAsync(rollup.Block.Hash);
            if (rollup.Aggregator is not null)
            {
                await GrainFactory.GetGrain<IRoundGrain>(RoundKey(rollup.Generation)).ForgetL1Async(rollup.RollupHash, rollup.Block.Number);
            }
        }

        LogRollupsRemoved(logger, _nodeId, removed.Count, notice.Number, notice.Hash);
    }

    /// <summary>
    /// Ingests until the enclave takes the block; null when this activation is going away, or when the block is no
    /// longer on L1 (a reorg removed it after it was announced: retrying it would hold up the new branch's notices
    /// queued behind it, which the watcher delivers from the common ancestor).
    /// </summary>
    private async Task<IngestOutcome?> IngestAsync(L1BlockNotice notice)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        while (!_deactivating.IsCancellationRequested)
        {
            try
            {
                return await Enclave.IngestAsync(notice);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!await IsStillOnL1Async(notice))
                {
                    LogNoticeReorganisedAway(logger, _nodeId, notice.Number, notice.Hash);
                    return null;
                }

                LogIngestFailed(logger, _nodeId, notice.Number, notice.Hash, backoff.Failures + 1, e.GetType().Name, e.Message);
                await WaitAsync(backoff);
            }
        }

        return null;
    }

    private async Task<bool> IsStillOnL1Async(L1BlockNotice notice)
    {
        try
        {
            return await GrainFactory.GetGrain<IL1BlockSourceGrain>(_nodeId).IsKnownAsync(notice.Hash);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The L1 node is unreachable: assume the block is still there and keep retrying it.
            LogFollowUpFailed(logger, _nodeId, "L1 block check", e.Message);
            return true;
        }
    }

    /// <summary>
    /// A notice that does not connect to the ingested branch: earlier notices were lost (or predate a restart). The
    /// queue is dropped and the watcher replays from the last ingested block; asked again only if nothing connects
    /// for a while, because notices already in flight arrive disconnected too.
    /// </summary>
    private async Task RequestReplayAsync(L1BlockNotice notice)
    {
        var from = state.State.Ingested[^1];
        _queue.Clear();
        if (_replayRequested is { } asked && asked.From == from.Hash && DateTime.UtcNow - asked.At < ReplayRequestInterval)
        {
            return;
        }

        LogReplay(logger, _nodeId, notice.Number, notice.Hash, from.Number);
        _replayRequested = (from.Hash, DateTime.UtcNow);
        try
        {
            await Watcher.StartAsync(from);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFollowUpFailed(logger, _nodeId, "replay request", e.Message);
            _replayRequested = null;
        }
    }

    private async Task PassOnAsync(L1BlockNotice notice, IngestOutcome outcome)
    {
        if (outcome.Abandoned.Count > 0)
        {
            // A reorg removed rollups with these transactions: pending again, or no later rollup would include them.
            await FollowUpAsync("mempool restore", () => Mempool.RestoreAsync(outcome.Abandoned));
        }

        if (outcome.IncludedTransactions.Count > 0)
        {
            await FollowUpAsync("mempool clean-up", () => Mempool.RemoveAsync(outcome.IncludedTransactions));
        }

        // Also after a failed follow-up: the enclave drops what the mempool still wrongly holds (as unincludable), and
        // holding back every candidate on this head would stop the chain.
        _mempoolHead = outcome.HeadRollup;

        if (outcome.Rollups.Count > 0)
        {
            await FollowUpAsync("rollup records", () => RecordRollupsAsync(notice, outcome.Rollups));
        }

        if (outcome.Calls.Count > 0)
        {
            await FollowUpAsync("enclave calls", () => Publisher.SendCallsAsync(outcome.Calls));
        }

        // Every block matters to an open round: a new head starts one, and a later block may make this node's rank due.
        if (state.State.Settings is { IsAggregator: true })
        {
            RequestPublication();
        }
    }

    /// <summary>A step after ingestion: retried a few times, then logged and left (the enclave asks again, and records are public L1 data).</summary>
    private async Task FollowUpAsync(string what, Func<Task> step)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < FollowUpAttempts)
            {
                await WaitAsync(backoff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFollowUpFailed(logger, _nodeId, what, e.Message);
                return;
            }
        }
    }

    /// <summary>
    /// Records the rollups the enclave judged in this block. Parents come from the publication calldata in the block
    /// itself (public L1 data; the block material is already cached by the block source). An enclave provisioned in
    /// this block re-judges the rollups of earlier blocks, which it could only record as unverified then: those
    /// reports are recorded against the block that carried them (known from the earlier record), in their rounds too.
    /// </summary>
    private async Task RecordRollupsAsync(L1BlockNotice block, IReadOnlyList<RollupStandingReport> reports)
    {
        var headers = await PublishedHeadersAsync(block);
        var here = new List<RollupStandingReport>();
        var earlier = new Dictionary<L1BlockNotice, List<RollupStandingReport>>();
        foreach (var report in reports)
        {
            if (!headers.ContainsKey(report.RollupHash)
                && await GrainFactory.GetGrain<IRollupGrain>($"{_nodeId}/{report.RollupHash}").GetAsync() is { IncludedIn: { } carried }
                && carried.Hash != block.Hash)
            {
                (earlier.TryGetValue(carried, out var group) ? group : earlier[carried] = []).Add(report);
            }
            else
            {
                here.Add(report);
            }
        }

        foreach (var (carried, group) in earlier)
        {
            await RecordRollupsInAsync(carried, group, await PublishedHeadersAsync(carried));
        }

        await RecordRollupsInAsync(block, here, headers);
    }

    /// <summary>The headers of the rollups published in a block, from the publishRollup calldata.</summary>
    private async Task<Dictionary<Hash256, Protocol.Rollups.RollupHeader>> PublishedHeadersAsync(L1BlockNotice block)
    {
        var rollupManagement = state.State.Settings!.RollupManagement;
        var material = await GrainFactory.GetGrain<IL1BlockSourceGrain>(_nodeId).GetBlockAsync(block);
        var headers = new Dictionary<Hash256, Protocol.Rollups.RollupHeader>();
        foreach (var encoded in material.Transactions)
        {
            var transaction = Transaction.Decode(encoded);
            if (transaction.To != rollupManagement)
            {
                continue;
            }

            try
            {
                var call = RollupManagementContract.DecodePublishRollupCall(transaction.Data.Span);
                headers[call.Header.Hash] = call.Header;
            }
            catch (AbiException)
            {
                // Another RollupManagement function.
            }
        }

        return headers;
    }

    private async Task RecordRollupsInAsync(L1BlockNotice block, List<RollupStandingReport> reports, Dictionary<Hash256, Protocol.Rollups.RollupHeader> headers)
    {
        foreach (var report in reports)
        {
            var header = headers.GetValueOrDefault(report.RollupHash);
            var parent = header?.ParentHash ?? Hash256.Zero;
            var inRound = header is not null && !header.IsGenesis;
            var recorded = new RecordedRollup(block, report.RollupHash, report.Generation, report.Standing, inRound ? header!.Aggregator : null);
            var at = state.State.Recorded.FindIndex(r => r.Block.Hash == block.Hash && r.RollupHash == report.RollupHash);
            if (at < 0)
            {
                state.State.Recorded.Add(recorded);
            }
            else
            {
                // Judged again (an enclave provisioned since it first saw the rollup): the later standing holds.
                state.State.Recorded[at] = recorded;
            }

            var record = new RollupRecord(report.RollupHash, parent, report.Generation, block, report.Standing, []);
            await GrainFactory.GetGrain<IRollupGrain>($"{_nodeId}/{report.RollupHash}").RecordAsync(record);
            if (!parent.IsZero)
            {
                await GrainFactory.GetGrain<IRollupGrain>($"{_nodeId}/{parent}").AddChildAsync(report.RollupHash);
            }

            if (inRound)
            {
                await RecordInRoundAsync(block, report, header!);
            }
        }

        await Writer.WriteAsync();
    }

    private void RequestPublication()
    {
        _publishRequested = true;
        if (_publishing is null || _publishing.IsCompleted)
        {
            _publishing = PublishAsync();
        }
    }

    private async Task PublishAsync()
    {
        while (_publishRequested && !_deactivating.IsCancellationRequested)
        {
            _publishRequested = false;
            try
            {
                await RoundStepAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFollowUpFailed(logger, _nodeId, "publication", e.Message);
            }
        }
    }

    private async Task WaitAsync(Backoff backoff)
    {
        try
        {
            await backoff.WaitAsync(_deactivating.Token);
        }
        catch (OperationCanceledException)
        {
            // Deactivating: the loops check the token and end.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} ({Kind}) started: L1 delivery resumes after block {Number} ({Hash})")]
    private static partial void LogStarted(ILogger logger, string nodeId, string kind, ulong number, Hash256 hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} cannot resume yet (attempt {Attempt}, {Error}): {Message}")]
    private static partial void LogResumeFailed(ILogger logger, string nodeId, int attempt, string error, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: L1 block {Number} ({Hash}) is no longer on L1 (reorganised away); skipped, the new branch follows")]
    private static partial void LogNoticeReorganisedAway(ILogger logger, string nodeId, ulong number, Hash256 hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: the enclave did not ingest L1 block {Number} ({Hash}) (attempt {Attempt}, {Error}): {Message}; retrying")]
    private static partial void LogIngestFailed(ILogger logger, string nodeId, ulong number, Hash256 hash, int attempt, string error, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: L1 block {Number} ({Hash}) switches forks below the ingested head {Head}")]
    private static partial void LogForkSwitch(ILogger logger, string nodeId, ulong number, Hash256 hash, ulong head);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: L1 block {Number} ({Hash}) does not follow the ingested branch; replaying L1 from block {From}")]
    private static partial void LogReplay(ILogger logger, string nodeId, ulong number, Hash256 hash, ulong from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: L1 block {Number} ({Hash}) is on a fork without the blocks of {Count} rollups it had recorded; they are recorded as removed")]
    private static partial void LogRollupsRemoved(ILogger logger, string nodeId, int count, ulong number, Hash256 hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: {What} failed: {Message}")]
    private static partial void LogFollowUpFailed(ILogger logger, string nodeId, string what, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {NodeId} published nothing: {Reason}")]
    private static partial void LogNotPublished(ILogger logger, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {NodeId}: enclave status unavailable: {Message}")]
    private static partial void LogEnclaveStatusUnavailable(ILogger logger, string nodeId, string message);
}
