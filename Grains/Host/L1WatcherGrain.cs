using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Orleans.Streams;

namespace Obscuro.Grains.Host;

/// <summary>
/// Follows the L1 node's head for one node and publishes every block, in order and without gaps, as an
/// <see cref="L1BlockNotice"/> on <c>L1</c>/<see cref="StreamNamespaces.L1Blocks"/>. A grain timer polls; each poll
/// publishes the child of the last published block while there is one (so a watcher that fell behind catches up block
/// by block). When the node's block at the next height does not extend the published branch, the watcher walks the
/// node's chain back until it meets a block it published (the common ancestor) and publishes the new branch from that
/// ancestor's child: consumers see a notice whose parent is not the last one they got, which means "switch forks".
/// <para>
/// The published branch is persisted after each poll, after publishing: a crash in between republishes a few blocks,
/// which consumers ignore (they are idempotent by hash), and never loses one. The timer keeps the activation alive; a
/// reminder every minute reactivates the watcher (and with it the timer) if its silo died.
/// </para>
/// </summary>
public sealed partial class L1WatcherGrain(
    [PersistentState("l1-watcher")] IPersistentState<L1WatcherState> state,
    L1Services l1,
    IOptions<L1WatcherOptions> options,
    ILogger<L1WatcherGrain> logger)
    : Grain, IL1WatcherGrain, IRemindable
{
    private const string WatchdogReminder = "l1-watcher-watchdog";
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    private IAsyncStream<L1BlockNotice>? _stream;
    private string? _failure;
    private string _nodeId = string.Empty;

    private List<L1BlockNotice> Branch => state.State.Branch;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nodeId = this.GetPrimaryKeyString();
        if (state.State.ResumePoint is not null)
        {
            StartPolling();
        }

        return base.OnActivateAsync(cancellationToken);
    }

    async Task IL1WatcherGrain.StartAsync(L1BlockNotice resumeAfter)
    {
        ArgumentNullException.ThrowIfNull(resumeAfter);
        if (Branch.Count == 0 || Branch[^1] != resumeAfter)
        {
            // Follow from here, forgetting the branch published so far: the consumer asks for this after a restart or
            // when it lost notices, and blocks published again are ignored by hash. At the head already, nothing changes.
            state.State.ResumePoint = resumeAfter;
            state.State.Branch = [resumeAfter];
            await state.WriteStateAsync();
            LogStarted(logger, _nodeId, resumeAfter.Number, resumeAfter.Hash);
        }

        await this.RegisterOrUpdateReminder(WatchdogReminder, WatchdogPeriod, WatchdogPeriod);
        StartPolling();
    }

    Task<L1BlockNotice?> IL1WatcherGrain.GetHeadAsync() => Task.FromResult(Branch.Count > 0 ? Branch[^1] : null);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activating the grain already restarted polling (OnActivateAsync); a watcher never started needs no watchdog.
        if (state.State.ResumePoint is null)
        {
            var reminder = await this.GetReminder(reminderName);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    private void StartPolling() =>
        _timer ??= this.RegisterGrainTimer(
            PollAsync,
            new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.PollInterval) { Interleave = false, KeepAlive = true });

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FollowAsync(cancellationToken);
            if (_failure is not null)
            {
                LogRecovered(logger, _nodeId, Branch[^1].Number);
                _failure = null;
            }
        }
        catch (Exception e) when (e is L1UnavailableException or RpcException or RpcProtocolException or L1ReorgTooDeepException or TimeoutException or OrleansException)
        {
            // The next poll tries again; log once per distinct failure rather than four times a second.
            if (e.Message != _failure)
            {
                _failure = e.Message;
                LogPollFailed(logger, _nodeId, e.GetType().Name, e.Message);
            }
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var rpc = l1.Rpc;
        var head = Branch[^1];
        var published = 0;
        var changed = false;
        while (published < options.Value.MaxBlocksPerPoll && !cancellationToken.IsCancellationRequested)
        {
            var next = await L1Headers.GetAsync(rpc, BlockTag.At(head.Number + 1), cancellationToken);
            if (next is null)
            {
                // Nothing above the head; but the head itself may have been replaced at the same height, or the chain shortened.
                var current = await L1Headers.GetAsync(rpc, BlockTag.At(head.Number), cancellationToken);
                if (current is not null && current.Hash == head.Hash)
                {
                    break;
                }

                head = await RewindToCommonAncestorAsync(rpc, head.Number, cancellationToken);
                changed = true;
                continue;
            }

            if (next.ParentHash != head.Hash)
            {
                head = await RewindToCommonAncestorAsync(rpc, next.Number - 1, cancellationToken);
                changed = true;
                continue;
            }

            await Stream.OnNextAsync(next);
            Append(next);
            head = next;
            published++;
            changed = true;
        }

        if (changed)
        {
            // Not cancelled with the poll: what was published must be recorded.
            await state.WriteStateAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Walks the node's canonical chain down from <paramref name="height"/> until its block is one the watcher
    /// published, drops the published blocks above it and returns it: the next poll step publishes its child.
    /// </summary>
    private async Task<L1BlockNotice> RewindToCommonAncestorAsync(EthRpcClient rpc, ulong height, CancellationToken cancellationToken)
    {
        var oldHead = Branch[^1];
        var maxDepth = (ulong)options.Value.MaxReorgDepth;
        for (var number = Math.Min(height, oldHead.Number); ; number--)
        {
            var ours = PublishedAt(number);
            if (ours is null || oldHead.Number - number > maxDepth)
            {
                throw new L1ReorgTooDeepException(
                    $"L1 reorg deeper than the watcher follows: the L1 node's chain holds none of the blocks published from {Branch[0].Number} to " +
                    $"{oldHead.Number} (bound: {maxDepth} blocks). Restart the node from a block on the node's chain, or check that the L1 endpoint " +
                    "serves the chain the network is deployed on.");
            }

            var canonical = await L1Headers.GetAsync(rpc, BlockTag.At(number), cancellationToken);
            if (canonical is not null && canonical.Hash == ours.Hash)
            {
                var ancestor = number < Branch[0].Number ? canonical : ours;
                Branch.RemoveAll(block => block.Number >= number);
                Branch.Insert(0, ancestor);
                Branch.RemoveAll(block => block.Number < number);
                LogReorg(logger, _nodeId, oldHead.Number - number, number, ancestor.Hash);
                return ancestor;
            }

            if (number == 0)
            {
                throw new L1ReorgTooDeepException("The L1 node's genesis block is not the one the watcher published: the L1 endpoint serves another chain.");
            }
        }
    }

    /// <summary>The published block at <paramref name="number"/>; below the branch only its first block's parent is known.</summary>
    private L1BlockNotice? PublishedAt(ulong number)
    {
        var first = Branch[0];
        if (number + 1 == first.Number)
        {
            return new L1BlockNotice(first.ParentHash, Hash256.Zero, number);
        }

        return number < first.Number || number > Branch[^1].Number ? null : Branch[(int)(number - first.Number)];
    }

    private void Append(L1BlockNotice block)
    {
        Branch.Add(block);
        var excess = Branch.Count - (options.Value.MaxReorgDepth + 1);
        if (excess > 0)
        {
            Branch.RemoveRange(0, excess);
        }
    }

    private IAsyncStream<L1BlockNotice> Stream =>
        _stream ??= this.GetStreamProvider(StreamProviderNames.L1)
            .GetStream<L1BlockNotice>(StreamId.Create(StreamNamespaces.L1Blocks, this.GetPrimaryKeyString()));

    [LoggerMessage(Level = LogLevel.Information, Message = "L1 watcher of node {NodeId} follows L1 from the child of block {Number} ({Hash})")]
    private static partial void LogStarted(ILogger logger, string nodeId, ulong number, Hash256 hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "L1 reorg seen by node {NodeId}: {Depth} block(s) replaced above block {Ancestor} ({AncestorHash}); publishing the new branch")]
    private static partial void LogReorg(ILogger logger, string nodeId, ulong depth, ulong ancestor, Hash256 ancestorHash);

    [LoggerMessage(Level = LogLevel.Error, Message = "L1 watcher of node {NodeId} cannot follow L1 ({Error}): {Message}")]
    private static partial void LogPollFailed(ILogger logger, string nodeId, string error, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "L1 watcher of node {NodeId} follows L1 again at block {Number}")]
    private static partial void LogRecovered(ILogger logger, string nodeId, ulong number);
}
