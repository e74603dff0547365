using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// A parent gets one candidate, so what it is built from matters: a pending list the host read before it dropped the
/// head's transactions starts with transactions the head already included. The enclave skips those, and the candidate
/// goes out with the rest of its slice wasted (the benchmark's 803/197 pairs). Built through the host's real mempool,
/// whose slice stands in for the publisher's MaxRollupTransactions.
/// </summary>
[Collection(EnclaveNetworkDefinition.Name)]
public sealed class EnclaveCandidateFreshnessTests(EnclaveNetworkFixture fixture)
{
    private const int Slice = 2;
    private static readonly UInt256 Ether = EnclaveNetworkFixture.Ether;

    [Fact]
    public async Task A_candidate_right_after_its_parent_s_inclusion_holds_none_of_the_parent_s_transactions_and_fills_from_the_rest()
    {
        var network = await TestNetwork.DeployAsync(fixture, "fresh");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("fresh-alice");
        using var bob = new L2Wallet("fresh-bob");
        await Rollups.DepositAndPublishAsync(network, alice.Address, Ether);

        var mempool = a.Cluster.Grains.GetGrain<IMempoolGrain>(a.NodeId);
        var submitted = new List<Hash256>();
        for (var nonce = 0UL; nonce < 5; nonce++)
        {
            var result = await mempool.SubmitAsync(L2Wallet.Encrypt(alice.SignTransfer(nonce, bob.Address, Ether / 100), networkKey));
            Assert.True(result.Accepted, result.Message);
            submitted.Add(result.TransactionHash!.Value);
        }

        // The parent: the first slice, built on the head the mempool is up to date with.
        var grandparent = (await a.Enclave.GetStatusAsync()).HeadRollup;
        var parent = await a.Enclave.ProduceCandidateOnAsync(grandparent, await mempool.GetPendingAsync(Slice));
        Assert.Equal(submitted[..Slice], parent.IncludedTransactions);
        await a.PublishAsync(parent.Rollup!);
        var included = (await a.SyncAsync()).SelectMany(o => o.IncludedTransactions).ToList();
        Assert.Equal(submitted[..Slice], included);
        Assert.Equal(parent.Rollup!.RollupHash, (await a.Enclave.GetStatusAsync()).HeadRollup);

        // A slice read before the host dropped the parent's transactions is all parent: refused, and nothing recorded.
        var stale = await mempool.GetPendingAsync(Slice);
        Assert.Equal(submitted[..Slice], stale.Select(t => t.TransactionHash));
        var refused = await a.Enclave.ProduceCandidateOnAsync(grandparent, stale);
        Assert.Null(refused.Rollup);
        Assert.Contains(parent.Rollup.RollupHash.ToString(), refused.NotReadyReason, StringComparison.Ordinal);
        Assert.Empty(refused.IncludedTransactions);

        // Once the mempool has dropped them, the next slice fills the child entirely, with none of the parent's.
        await mempool.RemoveAsync(included);
        var fresh = await mempool.GetPendingAsync(Slice);
        var child = await a.Enclave.ProduceCandidateOnAsync(parent.Rollup.RollupHash, fresh);
        Assert.NotNull(child.Rollup);
        Assert.Equal(parent.Rollup.RollupHash, child.Rollup.ParentHash);
        Assert.Equal(submitted[Slice..(2 * Slice)], child.IncludedTransactions);
        Assert.Empty(child.IncludedTransactions.Intersect(parent.IncludedTransactions));
        Assert.Empty(child.Unincludable);

        // The child is the parent's one candidate: asked again, even with a stale claim, the same rollup comes back.
        var again = await a.Enclave.ProduceCandidateOnAsync(grandparent, stale);
        Assert.Equal(child.Rollup.RollupHash, again.Rollup!.RollupHash);
        Assert.Equal(child.Rollup.Nonce, again.Rollup.Nonce);
    }
}
