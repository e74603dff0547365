using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Devnet.Status;

/// <summary>
/// Samples the nodes' public status for the status view. Throughput is the growth of a node's included-transaction
/// count over a sliding window (one block's worth would swing between 0 and a burst). Verifiers are compared with the
/// first aggregator's rollup at the verifier's generation (so are the other aggregators), remembered from earlier samples, so a verifier one block
/// behind still shows whether it took the same rollup. Rewards come from the rounds as the first aggregator saw them
/// (<see cref="INodeApiGrain.GetRoundAsync"/>): each generation at least two behind its head is read once, and every
/// rollup of it on L1 with reward class Full or Minimal is credited to the node whose enclave signed it (a rollup names
/// its enclave's address, not the operator's; every enclave address a node has reported counts as that node's).
/// </summary>
public sealed class DevnetMonitor
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);
    private const int RememberedGenerations = 512;

    private readonly IReadOnlyList<(DevnetNodeSpec Spec, Func<Task<NodeStatus>> Status)> _nodes;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Queue<(DateTimeOffset Time, long Included)>> _included = [];
    private readonly SortedDictionary<ulong, Hash256> _aggregatorHeads = [];
    private readonly Func<ulong, Task<RoundView>>? _rounds;
    private readonly Dictionary<Address, (long Full, long Minimal)> _rewards = [];
    private readonly Dictionary<Address, string> _enclaves = [];
    private const int RoundsPerSample = 8;
    private const ulong SettledGenerations = 2;
    private ulong _roundsReadTo;

    /// <param name="rounds">The first aggregator's round view by generation; null leaves the rewards at zero.</param>
    public DevnetMonitor(IReadOnlyList<(DevnetNodeSpec Spec, Func<Task<NodeStatus>> Status)> nodes, TimeProvider? time = null, Func<ulong, Task<RoundView>>? rounds = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = nodes;
        _time = time ?? TimeProvider.System;
        _rounds = rounds;
    }

    /// <summary>Asks every node at once; a node that fails or is slow shows its error instead of holding up the others.</summary>
    public async Task<DevnetSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(_nodes.Select(node => AskAsync(node.Status, cancellationToken))).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        foreach (var (answer, i) in answers.Select((answer, i) => (answer, i)))
        {
            if (answer.Status?.Enclave is { } enclave) _enclaves[enclave.EnclaveAddress] = _nodes[i].Spec.NodeId;
        }

        var first = answers.Select((answer, i) => (answer.Status, _nodes[i].Spec)).FirstOrDefault(a => a.Spec.IsAggregator).Status;
        if (first is { HeadRollup.IsZero: false } aggregator)
        {
            _aggregatorHeads[aggregator.HeadGeneration] = aggregator.HeadRollup;
            while (_aggregatorHeads.Count > RememberedGenerations) _aggregatorHeads.Remove(_aggregatorHeads.Keys.First());
            await ReadRoundsAsync(aggregator.HeadGeneration, cancellationToken).ConfigureAwait(false);
        }

        var samples = _nodes.Select((node, i) => new NodeSample(node.Spec, answers[i].Status, answers[i].Error, Throughput(node.Spec.NodeId, now, answers[i].Status))
        {
            Rewards = node.Spec.IsAggregator ? Rewards(node.Spec.NodeId) : RewardTally.None,
        }).ToList();

        var agreements = new Dictionary<string, Agreement>();
        var reference = samples.FirstOrDefault(s => s.Spec.IsAggregator);
        foreach (var verifier in samples.Where(s => s != reference && s.Status is not null))
        {
            var status = verifier.Status!;
            Hash256? expected = _aggregatorHeads.TryGetValue(status.HeadGeneration, out var known) ? known : null;
            var kind = status.HeadRollup.IsZero ? AgreementKind.NoRollup
                : expected is { } seen ? (seen == status.HeadRollup ? AgreementKind.Agrees : AgreementKind.Differs)
                : _aggregatorHeads.Count > 0 && status.HeadGeneration > _aggregatorHeads.Keys.Last() ? AgreementKind.Ahead : AgreementKind.Unknown;
            agreements[verifier.Spec.NodeId] = new Agreement(kind, status.HeadGeneration, status.HeadRollup, kind is AgreementKind.Agrees or AgreementKind.Differs ? expected : null);
        }

        return new DevnetSnapshot(now, samples, agreements);
    }

    private RewardTally Rewards(string nodeId)
    {
        var own = _rewards.Where(r => _enclaves.TryGetValue(r.Key, out var owner) && owner == nodeId).Select(r => r.Value).ToList();
        return new RewardTally(own.Sum(r => r.Full), own.Sum(r => r.Minimal));
    }

    /// <summary>Reads the settled rounds not read yet (a few per sample, so a late start catches up without stalling the view).</summary>
    private async Task ReadRoundsAsync(ulong head, CancellationToken cancellationToken)
    {
        if (_rounds is null || head <= SettledGenerations) return;
        var settled = head - SettledGenerations;
        for (var read = 0; read < RoundsPerSample && _roundsReadTo < settled; read++)
        {
            var generation = _roundsReadTo + 1;
            RoundView round;
            try
            {
                round = await _rounds(generation).WaitAsync(CallTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return; // asked again next sample
            }

            foreach (var published in round.OnL1)
            {
                var full = string.Equals(published.RewardClass, "full", StringComparison.OrdinalIgnoreCase);
                var minimal = string.Equals(published.RewardClass, "minimal", StringComparison.OrdinalIgnoreCase);
                if (!full && !minimal) continue;
                var (f, m) = _rewards.TryGetValue(published.Aggregator, out var tally) ? tally : (0, 0);
                _rewards[published.Aggregator] = full ? (f + 1, m) : (f, m + 1);
            }

            _roundsReadTo = generation;
        }
    }

    private static async Task<(NodeStatus? Status, string? Error)> AskAsync(Func<Task<NodeStatus>> status, CancellationToken cancellationToken)
    {
        try
        {
            return (await status().WaitAsync(CallTimeout, cancellationToken).ConfigureAwait(false), null);
        }
        catch (TimeoutException)
        {
            return (null, $"no answer within {CallTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A node that is starting or stopping answers with an error; the view shows it and asks again next time.
            return (null, e.Message);
        }
    }

    private double Throughput(string nodeId, DateTimeOffset now, NodeStatus? status)
    {
        if (!_included.TryGetValue(nodeId, out var window)) _included[nodeId] = window = new();
        if (status is not null) window.Enqueue((now, status.IncludedTransactions));
        while (window.Count > 1 && now - window.Peek().Time > Window) window.Dequeue();
        if (window.Count < 2) return 0;
        var (firstTime, firstCount) = window.Peek();
        var (lastTime, lastCount) = window.Last();
        var seconds = (lastTime - firstTime).TotalSeconds;
        return seconds > 0 ? Math.Max(0, lastCount - firstCount) / seconds : 0;
    }
}
