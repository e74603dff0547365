using Obscuro.Grains.Node;
using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>Issue 6 "Winner down": the winner's rollup never reaches L1, so the next-lowest publishes and the chain goes on.</summary>
public sealed class WinnerDownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task When_the_winner_goes_down_before_its_rollup_is_mined_the_next_lowest_publishes_one_block_later_and_the_chain_continues()
    {
        await using var network = await PobiNetwork.StartAsync(3);
        await network.WaitForGenerationAsync(3, TimeSpan.FromMinutes(2));
        await network.WaitForFullRoundAsync(TimeSpan.FromMinutes(2));

        // Hold L1 still; the round on the current head plays out and its winner sends its rollup.
        await network.PauseAsync();

        var settled = await network.SettleAsync(TimeSpan.FromSeconds(30));
        var head = settled[0].HeadGeneration;
        var generation = head + 1;
        var senders = await PobiNetwork.PollAsync(
            async () => await network.PendingAsync() > 0 ? await network.PendingSendersAsync() : null, TimeSpan.FromSeconds(30), "the round's winner to publish");
        var winnerIndex = network.IndexOfOperator(Assert.Single(senders));
        var before = await network.Node((winnerIndex + 1) % 3).Api.GetRoundAsync(generation);
        Assert.Equal(3, before.Candidates.Count);
        var winner = before.Winner!;
        var runnerUp = before.Candidates[1];
        output.WriteLine($"round {generation}: winner node {winnerIndex} ({winner.Aggregator}), runner-up {runnerUp.Aggregator}");

        // The winner goes down, and its transaction with it (dropped from the pool before any block includes it).
        await network.StopNodeAsync(winnerIndex);
        await network.DropPendingAsync();

        // The next block comes only when someone publishes or L1 has been idle a while: long enough for the runner-up,
        // however loaded the machine, to get its rollup into the block after the empty one (else rank 2's turn comes too).
        network.IdleBlock = TimeSpan.FromSeconds(10);
        network.Resume();

        var survivors = Enumerable.Range(0, 3).Where(i => i != winnerIndex).ToList();
        await network.WaitForGenerationAsync(generation + 2, TimeSpan.FromMinutes(2));
        foreach (var i in survivors)
        {
            var round = await network.Node(i).Api.GetRoundAsync(generation);
            Assert.NotNull(round.Canonical);
            // The runner-up's enclave holds one nonce per parent; the rollup it publishes under that nonce may be a rebuild
            // of the one it gossiped, so the round is identified by aggregator and nonce.
            Assert.Equal(runnerUp.Aggregator, round.Canonical.Aggregator);
            Assert.Equal(runnerUp.Nonce, round.Canonical.Nonce);

            // Landed one block after the winner should have (parent + 2): the gas-covering reward, as the spec's rules give a fallback.
            Assert.Equal(round.ParentIncludedAt + 2, round.Canonical.L1Block);
            Assert.Equal("minimal", round.Canonical.RewardClass);
            Assert.DoesNotContain(round.OnL1, r => r.RollupHash == winner.RollupHash);
        }

        var statuses = await network.StatusesAsync();
        Assert.Single(statuses.Select(s => s.HeadRollup).Distinct());
    }
}
