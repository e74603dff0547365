using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>Issue 6 "Front-runner": an aggregator that publishes its losing candidate before the winner earns nothing.</summary>
public sealed class FrontRunnerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_aggregator_that_publishes_its_losing_candidate_first_gets_no_reward_and_every_node_stays_consistent()
    {
        const int FrontRunner = 2;
        await using var network = await PobiNetwork.StartAsync(3, i => i == FrontRunner
            ? new Dictionary<string, string?> { ["Obscuro:Node:Round:FrontRun"] = "true" }
            : []);
        // Blocks at most every 1.5 s, as a real L1 gives the winner a block time to answer a front-runner (with instant
        // blocks the front-runner's next rollup would always close the reward window before the winner's claim lands).
        network.MinBlockInterval = TimeSpan.FromSeconds(1.5);
        await network.WaitForGenerationAsync(1, TimeSpan.FromMinutes(2));
        var first = await network.WaitForFullRoundAsync(TimeSpan.FromMinutes(2)) + 1;
        var last = first + 14;
        await network.WaitForGenerationAsync(last + 1, TimeSpan.FromMinutes(3));
        var frontRunner = (await network.Node(FrontRunner).Api.GetStatusAsync()).Enclave!.EnclaveAddress;

        var frontRuns = 0;
        var missedClaims = 0;
        for (var generation = first; generation <= last; generation++)
        {
            var round = await network.Node(0).Api.GetRoundAsync(generation);
            // The round's true winner is the lowest nonce of every candidate this node knows of, gossiped or read from L1: a
            // gossiped candidate can arrive after the round's view was taken, and its rollup on L1 still names its nonce.
            var winner = round.Candidates.Select(c => (c.Aggregator, c.Nonce, c.RollupHash))
                .Concat(round.OnL1.Select(r => (r.Aggregator, r.Nonce, r.RollupHash)))
                .MinBy(c => c.Nonce);
            var mine = round.OnL1.SingleOrDefault(r => r.Aggregator == frontRunner);
            output.WriteLine($"round {generation}: winner {winner.Aggregator} (gossiped {round.Candidates.Count}); on L1: {string.Join(", ", round.OnL1.Select(r => $"{r.Aggregator}@{r.L1Block} {r.Standing} {r.RewardClass}"))}");

            // One rollup per round at most is paid (the lowest nonce that reached L1 within the window).
            Assert.True(round.OnL1.Count(r => r.RewardClass != "none") <= 1);
            if (winner.Aggregator != frontRunner && mine is not null)
            {
                // The winner claims its round after the front-runner: its rollup lands too, within the reward window, and it
                // is the one paid; the front-runner's stays canonical (it was first) and earns nothing.
                var claimed = round.OnL1.SingleOrDefault(r => r.RollupHash == winner.RollupHash);
                if (claimed is null || claimed.L1Block > round.ParentIncludedAt + 2)
                {
                    missedClaims++;
                    continue;
                }

                frontRuns++;
                Assert.Equal("none", mine.RewardClass);
                Assert.NotEqual("none", claimed.RewardClass);
                Assert.True(claimed.L1Block >= mine.L1Block);
            }

            // Every node saw the same L1 outcome of the round.
            for (var i = 1; i < 3; i++)
            {
                var other = await network.Node(i).Api.GetRoundAsync(generation);
                Assert.Equal(round.Canonical?.RollupHash, other.Canonical?.RollupHash);
                Assert.Equal(round.OnL1.Select(r => (r.RollupHash, r.RewardClass)).OrderBy(r => r.RollupHash), other.OnL1.Select(r => (r.RollupHash, r.RewardClass)).OrderBy(r => r.RollupHash));
            }
        }

        output.WriteLine($"front-runs punished: {frontRuns}; winner's claim outside the reward window: {missedClaims}");
        Assert.True(frontRuns > 0, "the front-runner never published a losing candidate that the winner then claimed, in 15 rounds");
        await network.PauseAsync();
        var heads = await PobiNetwork.PollAsync(
            async () =>
            {
                var statuses = await network.StatusesAsync();
                return statuses.Select(s => s.HeadRollup).Distinct().Count() == 1 ? statuses : null;
            },
            TimeSpan.FromSeconds(30),
            "every node on the same rollup head");
        Assert.Equal(3, heads.Count);
    }
}
