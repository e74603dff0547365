using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Pobi;

namespace Obscuro.Protocol.Tests.Pobi;

public class RoundTests
{
    private static Address Agg(int i) => new(Keccak256.HashToArray(BitConverter.GetBytes(i)).AsSpan(12));

    private static RoundCandidate Candidate(int aggregator, ulong nonce, int salt = 0) =>
        new(Keccak256.Hash(BitConverter.GetBytes((aggregator * 1000) + salt)), Agg(aggregator), new UInt256(nonce));

    private static Round NewRound() => new(Keccak256.Hash("parent"u8), parentIncludedAt: 100, publicationTimeoutBlocks: 2);

    [Fact]
    public void The_lowest_nonce_publishes_at_once_and_the_others_wait_their_turn()
    {
        var round = NewRound();
        round.TryAdd(Candidate(1, 50));
        round.TryAdd(Candidate(2, 10));
        round.TryAdd(Candidate(3, 30));
        Assert.Equal(Agg(2), round.Winner!.Value.Aggregator);
        Assert.True(round.ShouldPublish(Agg(2), 100, roundAlreadyIncluded: false));
        Assert.False(round.ShouldPublish(Agg(3), 101, false)); // rank 1: from block 102
        Assert.True(round.ShouldPublish(Agg(3), 102, false));
        Assert.False(round.ShouldPublish(Agg(1), 103, false)); // rank 2: from block 104
        Assert.True(round.ShouldPublish(Agg(1), 104, false));
        Assert.False(round.ShouldPublish(Agg(1), 200, roundAlreadyIncluded: true));
        Assert.False(round.ShouldPublish(Agg(9), 200, false)); // no candidate, no turn
    }

    [Fact]
    public void Repeats_are_ignored_and_equivocators_are_dropped()
    {
        var round = NewRound();
        Assert.True(round.TryAdd(Candidate(1, 5)));
        Assert.False(round.TryAdd(Candidate(1, 5)));
        Assert.True(round.TryAdd(Candidate(2, 7)));
        Assert.False(round.TryAdd(Candidate(1, 3, salt: 1))); // a second nonce for the same parent
        Assert.Equal([Agg(1)], round.Equivocators);
        Assert.Equal(Agg(2), round.Winner!.Value.Aggregator);
        Assert.False(round.TryAdd(Candidate(1, 1, salt: 2)));
        Assert.Equal(-1, round.RankOf(Agg(1)));
    }

    [Property]
    public Property Each_timeout_window_lets_the_next_ranked_candidate_publish(ulong[] nonces, byte offset)
    {
        var round = NewRound();
        for (var i = 0; i < nonces.Length; i++) round.TryAdd(Candidate(i, nonces[i]));
        var block = 100UL + offset;
        var window = (int)((block - 100) / 2);
        var allowed = Enumerable.Range(0, nonces.Length).Count(i => round.ShouldPublish(Agg(i), block, false));
        return (allowed == Math.Min(window + 1, nonces.Length)).ToProperty();
    }
}
