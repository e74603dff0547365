using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Pobi;

/// <summary>
/// One POBI round (spec "Typical Scenario"): the candidates built on one parent rollup, gathered by gossip. Every
/// aggregator ranks them by nonce (lowest first, ties by hash) and the winner publishes at once. Publication deadlines
/// count L1 blocks from the block that included the parent, never wall-clock time: if nothing of this round is in L1
/// by <c>parentIncludedAt + k·timeout</c>, the candidate of rank k publishes (so a silent winner delays the chain by
/// one timeout, not forever). An aggregator that offers two different candidates for one parent is equivocating
/// (one nonce per parent is an enclave rule, so only a broken enclave does this): both are dropped and it cannot win.
/// Deterministic and free of I/O; the host's round grain feeds it.
/// </summary>
public sealed class Round
{
    private readonly Dictionary<Address, RoundCandidate> _byAggregator = [];
    private readonly HashSet<Address> _equivocators = [];

    public Round(Hash256 parentHash, ulong parentIncludedAt, ulong publicationTimeoutBlocks)
    {
        ArgumentOutOfRangeException.ThrowIfZero(publicationTimeoutBlocks);
        ParentHash = parentHash;
        ParentIncludedAt = parentIncludedAt;
        PublicationTimeoutBlocks = publicationTimeoutBlocks;
    }

    public Hash256 ParentHash { get; }

    public ulong ParentIncludedAt { get; }

    public ulong PublicationTimeoutBlocks { get; }

    public IReadOnlyCollection<Address> Equivocators => _equivocators;

    /// <summary>Candidates by rank: lowest nonce first, ties broken by rollup hash.</summary>
    public IReadOnlyList<RoundCandidate> Ranked =>
        [.. _byAggregator.Values.OrderBy(c => c.Nonce).ThenBy(c => c.RollupHash)];

    public RoundCandidate? Winner => _byAggregator.Count == 0 ? null : Ranked[0];

    /// <summary>Adds a verified candidate; returns false for a repeat, an equivocation or an equivocator's candidate.</summary>
    public bool TryAdd(RoundCandidate candidate)
    {
        if (_equivocators.Contains(candidate.Aggregator)) return false;
        if (_byAggregator.TryGetValue(candidate.Aggregator, out var existing))
        {
            if (existing.RollupHash == candidate.RollupHash) return false;
            _byAggregator.Remove(candidate.Aggregator);
            _equivocators.Add(candidate.Aggregator);
            return false;
        }

        _byAggregator[candidate.Aggregator] = candidate;
        return true;
    }

    /// <summary>The 0-based rank of an aggregator's candidate, or -1 without one.</summary>
    public int RankOf(Address aggregator)
    {
        var ranked = Ranked;
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].Aggregator == aggregator) return i;
        }

        return -1;
    }

    /// <summary>
    /// Whether <paramref name="aggregator"/> should publish its candidate now, at L1 block <paramref name="currentL1Block"/>,
    /// given whether any candidate of this round is already included on L1.
    /// </summary>
    public bool ShouldPublish(Address aggregator, ulong currentL1Block, bool roundAlreadyIncluded)
    {
        if (roundAlreadyIncluded) return false;
        var rank = RankOf(aggregator);
        if (rank < 0) return false;
        return currentL1Block >= ParentIncludedAt + ((ulong)rank * PublicationTimeoutBlocks);
    }
}
