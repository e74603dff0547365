using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Pobi;

namespace Obscuro.Protocol.Tests.Pobi;

public class LotteryTests
{
    private static PublishedCandidate Candidate(int id, ulong nonce, ulong block) =>
        new(Keccak256.Hash(BitConverter.GetBytes(id)), new Address(new byte[20]), new UInt256(nonce), block);

    [Fact]
    public void Winner_published_in_the_next_block_gets_the_full_reward()
    {
        var classes = Lottery.Classify(100, [Candidate(1, 50, 101), Candidate(2, 10, 101), Candidate(3, 90, 102)]);
        Assert.Equal([RewardClass.None, RewardClass.Full, RewardClass.None], classes);
    }

    [Fact]
    public void Winner_one_block_late_gets_the_minimal_reward()
    {
        Assert.Equal([RewardClass.Minimal], Lottery.Classify(100, [Candidate(1, 10, 102)]));
    }

    [Fact]
    public void Winner_two_or_more_blocks_late_gets_nothing()
    {
        Assert.Equal([RewardClass.None], Lottery.Classify(100, [Candidate(1, 10, 103)]));
    }

    [Fact]
    public void Front_runner_with_a_higher_nonce_gets_nothing_and_the_delayed_winner_gets_the_minimum()
    {
        // The front-runner landed first (so it is the canonical child), the winner one block later.
        var classes = Lottery.Classify(100, [Candidate(1, 500, 101), Candidate(2, 5, 102)]);
        Assert.Equal([RewardClass.None, RewardClass.Minimal], classes);
    }

    [Fact]
    public void Publication_in_or_before_the_parent_block_earns_nothing()
    {
        Assert.Equal([RewardClass.None], Lottery.Classify(100, [Candidate(1, 1, 100)]));
    }

    [Fact]
    public void No_candidates_no_winner() => Assert.Equal(-1, Lottery.Winner(Array.Empty<PublishedCandidate>(), c => c.Nonce, c => c.RollupHash));

    [Property]
    public Property Winner_is_the_lowest_nonce_and_does_not_depend_on_order(ulong[] nonces)
    {
        var candidates = nonces.Select((n, i) => Candidate(i, n, 101)).ToList();
        if (candidates.Count == 0) return true.ToProperty();
        var winner = candidates[Lottery.Winner(candidates, c => c.Nonce, c => c.RollupHash)];
        var reversed = candidates.AsEnumerable().Reverse().ToList();
        var winnerReversed = reversed[Lottery.Winner(reversed, c => c.Nonce, c => c.RollupHash)];
        return (winner == winnerReversed && candidates.All(c => winner.Nonce <= c.Nonce)).ToProperty();
    }

    [Property]
    public Property At_most_one_rollup_per_round_is_rewarded(ulong[] nonces, byte[] delays)
    {
        var candidates = nonces.Select((n, i) => Candidate(i, n, 101UL + (delays.Length == 0 ? 0UL : (ulong)(delays[i % delays.Length] % 4)))).ToList();
        return (Lottery.Classify(100, candidates).Count(c => c != RewardClass.None) <= 1).ToProperty();
    }
}
