using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Gossip;

/// <summary>
/// Per-peer admission of authenticated gossip: a token bucket (rate limit) and replay protection. A sender numbers its
/// requests with a sequence that starts from its clock in milliseconds and only grows, so the receiver can refuse a
/// (peer, sequence) it has seen and any sequence outside the freshness window, even after a restart of either side and
/// with requests arriving out of order. Time is passed in (no clock here); the caller serialises access.
/// </summary>
public sealed class PeerGuard
{
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private readonly ulong _freshnessMs;
    private readonly Dictionary<Address, PeerState> _peers = [];

    public PeerGuard(double ratePerSecond, int burst, TimeSpan freshness)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(freshness, TimeSpan.Zero);
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _freshnessMs = (ulong)freshness.TotalMilliseconds;
    }

    /// <summary>
    /// Admits one request of <paramref name="peer"/> numbered <paramref name="sequence"/> at <paramref name="nowMs"/>
    /// (Unix milliseconds). A refused request consumes nothing, so a replay flood cannot exhaust a peer's allowance.
    /// </summary>
    public GossipRejection Admit(Address peer, ulong sequence, ulong nowMs)
    {
        var low = nowMs > _freshnessMs ? nowMs - _freshnessMs : 0;
        if (sequence < low || sequence > nowMs + _freshnessMs) return GossipRejection.Replay;
        if (!_peers.TryGetValue(peer, out var state))
        {
            state = new PeerState(_burst, nowMs);
            _peers[peer] = state;
        }

        state.Seen.RemoveWhere(s => s < low);
        if (state.Seen.Contains(sequence)) return GossipRejection.Replay;
        var elapsed = nowMs > state.RefilledAt ? (nowMs - state.RefilledAt) / 1000.0 : 0;
        state.Tokens = Math.Min(_burst, state.Tokens + (elapsed * _ratePerSecond));
        state.RefilledAt = Math.Max(nowMs, state.RefilledAt);
        if (state.Tokens < 1) return GossipRejection.RateLimited;
        state.Tokens -= 1;
        state.Seen.Add(sequence);
        return GossipRejection.None;
    }

    private sealed class PeerState(double tokens, ulong refilledAt)
    {
        public double Tokens { get; set; } = tokens;

        public ulong RefilledAt { get; set; } = refilledAt;

        public HashSet<ulong> Seen { get; } = [];
    }
}
