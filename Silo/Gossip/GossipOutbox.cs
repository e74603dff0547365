using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Obscuro.Contracts.Bindings;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.Host;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Gossip;

namespace Obscuro.Silo.Gossip;

/// <summary>
/// Sends this node's gossip to every other registered aggregator's endpoint. Each peer has its own bounded queue and
/// sender loop, so a peer that is down delays only its own queue: a failed send is retried with growing backoff (up to
/// <see cref="GossipOptions.MaxAttempts"/>), and when the queue is full the oldest message gives way. A refusal other
/// than 429 is not retried (the peer has judged the message). Requests are signed with the operator key and numbered
/// with a sequence taken from the clock in milliseconds, strictly increasing.
/// </summary>
public sealed partial class GossipOutbox(
    IPeerSource peers,
    ISigner operatorKey,
    GossipOptions options,
    ulong l1ChainId,
    Address networkManagement,
    HttpClient http,
    TimeProvider time,
    ILogger<GossipOutbox> logger)
    : IGossipOutbox, IDisposable
{
    private const int QueueCapacity = 256;
    private readonly ConcurrentDictionary<Uri, Channel<(GossipKind Kind, byte[] Body)>> _queues = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _sequence;

    public void Candidate(RollupEnvelope candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var rollup = candidate.ToSignedRollup();
        Enqueue(GossipKind.Candidate, RollupManagementContract.EncodePublishRollupCall(rollup.Header, rollup.Blob, rollup.Signature));
    }

    public void Transaction(byte[] ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        Enqueue(GossipKind.Transaction, ciphertext);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var queue in _queues.Values)
        {
            queue.Writer.TryComplete();
        }

        _stopping.Dispose();
    }

    /// <summary>The next request number: the clock in ms, or one more than the last if the clock has not moved on.</summary>
    public ulong NextSequence()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Interlocked.Read(ref _sequence);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _sequence, next, last) == last)
            {
                return (ulong)next;
            }
        }
    }

    private void Enqueue(GossipKind kind, byte[] body) => _ = DispatchAsync(kind, body);

    private async Task DispatchAsync(GossipKind kind, byte[] body)
    {
        IReadOnlyList<PeerInfo> registry;
        try
        {
            registry = await peers.GetPeersAsync(refresh: false, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNoPeers(logger, e.Message);
            return;
        }

        foreach (var peer in registry)
        {
            if (!peer.IsAggregator || peer.Operator == operatorKey.Address || !Uri.TryCreate(peer.Endpoint, UriKind.Absolute, out var endpoint)
                || endpoint.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var queue = _queues.GetOrAdd(endpoint, uri =>
            {
                var created = Channel.CreateBounded<(GossipKind, byte[])>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
                _ = Task.Run(() => SendLoopAsync(uri, created.Reader));
                return created;
            });
            queue.Writer.TryWrite((kind, body));
        }
    }

    private async Task SendLoopAsync(Uri peer, ChannelReader<(GossipKind Kind, byte[] Body)> reader)
    {
        var failures = 0;
        try
        {
            await foreach (var (kind, body) in reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
                {
                    if (failures > 0)
                    {
                        // Backoff grows with the peer's consecutive failures, not per message: a dead peer is probed gently.
                        var delay = TimeSpan.FromMilliseconds(Math.Min(10_000, 100 * (1 << Math.Min(failures, 7))));
                        await Task.Delay(delay, time, _stopping.Token).ConfigureAwait(false);
                    }

                    var outcome = await SendAsync(peer, kind, body).ConfigureAwait(false);
                    if (outcome is SendOutcome.Delivered or SendOutcome.Refused)
                    {
                        failures = 0;
                        break;
                    }

                    failures++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task<SendOutcome> SendAsync(Uri peer, GossipKind kind, byte[] body)
    {
        var sequence = NextSequence();
        var signature = GossipSignature.Sign(operatorKey, l1ChainId, networkManagement, kind, sequence, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(peer, GossipPaths.Of(kind)))
        {
            Content = new ByteArrayContent(body),
        };
        request.Headers.Add(GossipPaths.SequenceHeader, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(GossipPaths.SignatureHeader, Hex.Encode(signature));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return SendOutcome.Delivered;
            }

            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable || status >= 500)
            {
                LogPeerBusy(logger, peer, kind, status);
                return SendOutcome.Failed;
            }

            LogPeerRefused(logger, peer, kind, status, await response.Content.ReadAsStringAsync(_stopping.Token).ConfigureAwait(false));
            return SendOutcome.Refused;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stopping.IsCancellationRequested)
        {
            LogPeerDown(logger, peer, kind, e.Message);
            return SendOutcome.Failed;
        }
    }

    private enum SendOutcome
    {
        Delivered,
        Refused,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gossip: no peer list yet: {Message}")]
    private static partial void LogNoPeers(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gossip peer {Peer} is unreachable for a {Kind}: {Message}; retrying with backoff")]
    private static partial void LogPeerDown(ILogger logger, Uri peer, GossipKind kind, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gossip peer {Peer} is busy ({Status}) for a {Kind}; retrying with backoff")]
    private static partial void LogPeerBusy(ILogger logger, Uri peer, GossipKind kind, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gossip peer {Peer} refused a {Kind} with {Status}: {Body}")]
    private static partial void LogPeerRefused(ILogger logger, Uri peer, GossipKind kind, int status, string body);
}
