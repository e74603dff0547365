using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>The aggregator's round trip the tests repeat: candidate from the enclave, publication on L1, ingestion by the nodes.</summary>
internal static class Rollups
{
    /// <summary>Has A produce a candidate from <paramref name="pending"/>, publishes it, and lets the given nodes ingest it; returns the candidate.</summary>
    public static async Task<CandidateResult> PublishNextAsync(NodeHost aggregator, IReadOnlyList<SealedTransaction> pending, params NodeHost[] followers)
    {
        var candidate = await aggregator.Enclave.ProduceCandidateAsync(pending);
        var rollup = candidate.Rollup ?? throw new InvalidOperationException("No candidate: " + candidate.NotReadyReason);
        await aggregator.PublishAsync(rollup);
        var outcomes = await aggregator.SyncAsync();
        Assert.Contains(outcomes.SelectMany(o => o.Rollups), r => r.RollupHash == rollup.RollupHash && r.Standing == "canonical");
        foreach (var follower in followers)
        {
            await follower.SyncAsync();
        }

        return candidate;
    }

    /// <summary>Deposits <paramref name="amount"/> for <paramref name="recipient"/> on L1 and publishes the next rollup, which credits it.</summary>
    public static async Task<CandidateResult> DepositAndPublishAsync(TestNetwork network, Address recipient, UInt256 amount, params NodeHost[] followers)
    {
        await network.DepositAsync(recipient, amount);
        await network.A.SyncAsync();
        return await PublishNextAsync(network.A, [], followers);
    }
}
