using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;

namespace Obscuro.EndToEnd.Tests.Reveal;

/// <summary>
/// Watches a node's reveal answers while the chain grows: it always asks for the interval the node's L1-included head is
/// in, so for every interval it sees the node's answer while the head is the interval's last rollup (the moment just
/// before the end). Records those refusals, and any answer that contradicts the rule (a release before the next
/// interval's first rollup is on L1, or a refusal after).
/// </summary>
internal sealed class BoundaryWatch : IAsyncDisposable
{
    private readonly INodeApiGrain _api;
    private readonly RevealOption _option;
    private readonly ulong _length;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly HashSet<ulong> _refusedAtLast = [];
    private readonly List<string> _violations = [];

    private BoundaryWatch(INodeApiGrain api, RevealOption option, ulong length, ulong head)
    {
        _api = api;
        _option = option;
        _length = length;
        _loop = Task.Run(() => RunAsync(head));
    }

    public static async Task<BoundaryWatch> StartAsync(INodeApiGrain api, RevealOption option, ulong length) =>
        new(api, option, length, (await api.GetStatusAsync()).HeadGeneration);

    /// <summary>Intervals the node refused while its head was the interval's last rollup.</summary>
    public IReadOnlySet<ulong> RefusedAtLast
    {
        get
        {
            lock (_gate) return new HashSet<ulong>(_refusedAtLast);
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate) return [.. _violations];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(ulong head)
    {
        while (!_stop.IsCancellationRequested)
        {
            var interval = head / _length;
            var releasedFrom = (interval + 1) * _length;
            var reply = await _api.RevealAsync(_option, interval);
            if (reply.IncludedHeadGeneration is { } seen)
            {
                lock (_gate)
                {
                    if (reply.Release is null && seen == releasedFrom - 1) _refusedAtLast.Add(interval);
                    if (reply.Release is not null && seen < releasedFrom) _violations.Add($"{_option} {interval} released at head {seen}");
                    if (reply.Release is null && seen >= releasedFrom) _violations.Add($"{_option} {interval} refused at head {seen}: {reply.Refusal}");
                }

                head = seen;
            }

            await Task.Delay(50, _stop.Token);
        }
    }
}
