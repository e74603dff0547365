using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>Issue 6 "Fairness": three equal aggregators, three clusters, one anvil; the lottery spreads the rounds.</summary>
public sealed class FairnessTests(ITestOutputHelper output)
{
    private const int Rounds = 200;

    [Fact]
    public async Task Over_200_rounds_each_of_three_equal_aggregators_wins_between_20_and_47_percent()
    {
        await using var network = await PobiNetwork.StartAsync(3);
        await network.WaitForGenerationAsync(1, TimeSpan.FromMinutes(2));

        // Count from the round after the first one every node saw with all three candidates.
        var first = await network.WaitForFullRoundAsync(TimeSpan.FromMinutes(2)) + 1;
        var last = first + Rounds - 1;
        var started = DateTime.UtcNow;
        await network.WaitForGenerationAsync(last + 1, TimeSpan.FromMinutes(4));
        output.WriteLine($"{Rounds} rounds in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");

        var enclaves = (await network.StatusesAsync()).Select(s => s.Enclave!.EnclaveAddress).ToList();
        var wins = enclaves.ToDictionary(e => e, _ => 0);
        var irregular = new List<string>();
        for (var generation = first; generation <= last; generation++)
        {
            var round = await network.Node(0).Api.GetRoundAsync(generation);
            Assert.NotNull(round.Canonical);
            wins[round.Canonical.Aggregator]++;

            // The lowest nonce published alone and became canonical in the very next block: the full reward.
            if (round.Candidates.Count != 3 || round.Winner!.RollupHash != round.Canonical.RollupHash || round.Canonical.RewardClass != "full" || round.OnL1.Count != 1)
            {
                irregular.Add($"round {generation} (parent in L1 block {round.ParentIncludedAt}): candidates {string.Join(", ", round.Candidates.Select(c => $"{c.Aggregator}#{c.Rank}"))}; " +
                    $"on L1 {string.Join(", ", round.OnL1.Select(r => $"{r.Aggregator}@{r.L1Block} {r.Standing} {r.RewardClass}"))}");
            }

            // Every node saw the same round.
            for (var i = 1; i < 3; i++)
            {
                var other = await network.Node(i).Api.GetRoundAsync(generation);
                Assert.Equal(round.Canonical.RollupHash, other.Canonical?.RollupHash);
            }
        }

        foreach (var (enclave, count) in wins)
        {
            output.WriteLine($"{enclave}: {count} of {Rounds} ({100.0 * count / Rounds:0.0}%)");
        }

        irregular.ForEach(output.WriteLine);
        Assert.Empty(irregular);
        Assert.All(wins.Values, count => Assert.InRange(count, Rounds * 20 / 100, Rounds * 47 / 100));
        var heads = (await network.StatusesAsync()).Select(s => (s.HeadGeneration, s.HeadRollup)).Distinct().Count();
        Assert.True(heads <= 2, "the nodes' rollup heads differ by more than one in-flight round");
    }
}
