using Obscuro.Grains.Tests.Host.Infrastructure;
using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>Issue 6 "Restart": restarting an aggregator (its enclave included) does not give it a second nonce for the same parent.</summary>
public sealed class RestartNonceTests(ITestOutputHelper output)
{
    private const int Restarted = 1;

    [Fact]
    public async Task A_restarted_aggregator_hands_the_round_the_same_candidate_and_nonce_for_the_same_parent()
    {
        // Durable storage for the restarted node, as in production: its sealed enclave state (the candidate book) survives.
        await using var redis = await RedisProcess.StartAsync();
        await using var network = await PobiNetwork.StartAsync(3, i => i == Restarted
            ? new Dictionary<string, string?> { ["Obscuro:Storage:Provider"] = "redis", ["Obscuro:Storage:Redis"] = redis.ConnectionString }
            : []);
        await network.WaitForGenerationAsync(2, TimeSpan.FromMinutes(2));

        // Gossip between all three is up (each node has ingested the others' registrations) before L1 holds still.
        await network.WaitForFullRoundAsync(TimeSpan.FromMinutes(2));

        // L1 holds still on one parent while the node goes down and comes back.
        await network.PauseAsync();
        var generation = (await network.SettleAsync(TimeSpan.FromSeconds(30)))[0].HeadGeneration + 1;
        var before = await PobiNetwork.PollAsync(
            async () => await network.Node(Restarted).Api.GetRoundAsync(generation) is { OwnRollup: not null, Candidates.Count: 3 } view ? view : null,
            TimeSpan.FromSeconds(30),
            "the node's candidate for the round");
        var own = before.Candidates.Single(c => c.Own);
        output.WriteLine($"round {generation}: candidate {own.RollupHash}, nonce {own.Nonce}, offered {before.OwnCandidateOffers} times");

        await network.StopNodeAsync(Restarted);
        await network.StartNodeAsync(Restarted);

        // The restarted node's host asks its (restarted) enclave for the round's candidate again.
        var after = await PobiNetwork.PollAsync(
            async () => await network.Node(Restarted).Api.GetRoundAsync(generation) is { } view && view.OwnCandidateOffers > before.OwnCandidateOffers ? view : null,
            TimeSpan.FromMinutes(1),
            "the restarted node to ask its enclave for the round's candidate");
        Assert.Equal(own.RollupHash, after.OwnRollup);
        Assert.Equal(own.Nonce, after.Candidates.Single(c => c.Own).Nonce);
        Assert.Empty(after.Equivocators);
        for (var i = 0; i < 3; i++)
        {
            var seen = await network.Node(i).Api.GetRoundAsync(generation);
            Assert.Empty(seen.Equivocators);
            Assert.Equal(own.RollupHash, seen.Candidates.Single(c => c.Aggregator == own.Aggregator).RollupHash);
        }

        // And the chain goes on with the node back in the rounds.
        network.Resume();
        await network.WaitForGenerationAsync(generation + 2, TimeSpan.FromMinutes(1));
        var round = await network.Node(0).Api.GetRoundAsync(generation + 2);
        Assert.Contains(round.Candidates, c => c.Aggregator == own.Aggregator);
    }
}
