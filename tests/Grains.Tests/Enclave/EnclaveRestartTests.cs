using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Grains.Tests.Enclave;

[Collection(EnclaveNetworkDefinition.Name)]
public sealed class EnclaveRestartTests(EnclaveNetworkFixture fixture)
{
    private static readonly UInt256 Ether = EnclaveNetworkFixture.Ether;

    [Fact]
    public async Task A_reactivated_enclave_restores_from_sealed_state_replays_L1_and_keeps_its_one_candidate()
    {
        var network = await TestNetwork.DeployAsync(fixture, "restart");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("restart-alice");
        using var bob = new L2Wallet("restart-bob");
        await Rollups.DepositAndPublishAsync(network, alice.Address, Ether);
        var verdict = await a.AdmitAsync(L2Wallet.Encrypt(alice.SignTransfer(0, bob.Address, Ether / 3), networkKey));
        var candidate = await a.Enclave.ProduceCandidateAsync([verdict.Transaction!]);
        Assert.NotNull(candidate.Rollup);
        var before = await a.Enclave.GetStatusAsync();

        var grainId = a.Enclave.GetGrainId();
        Assert.True(a.Cluster.Cluster.TryGetGrainContext(grainId, out var first));
        await a.Cluster.Cluster.DeactivateAsync(grainId);
        Assert.False(a.Cluster.Cluster.TryGetGrainContext(grainId, out _));

        // The next call activates it again: start-up delay, sealed state, replay of the recorded L1 path.
        var after = await a.Enclave.GetStatusAsync();
        Assert.True(a.Cluster.Cluster.TryGetGrainContext(grainId, out var second));
        Assert.NotEqual(first.ActivationId, second.ActivationId);
        Assert.Equal(before, after);

        // Same parent, so the same candidate: the restart drew no second nonce, even with nothing pending now.
        var again = await a.Enclave.ProduceCandidateAsync([]);
        Assert.Equal(candidate.Rollup.RollupHash, again.Rollup!.RollupHash);
        Assert.Equal(candidate.IncludedTransactions, again.IncludedTransactions);

        // It goes on: the candidate is published, ingested and applied by the restored enclave.
        await a.PublishAsync(again.Rollup);
        await a.SyncAsync();
        Assert.Equal(again.Rollup.RollupHash, (await a.Enclave.GetStatusAsync()).HeadRollup);
        Assert.Equal(Ether / 3, (await bob.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);
    }

    [Fact]
    public async Task A_restart_after_an_L1_reorg_removed_ingested_blocks_replays_up_to_the_fork_and_answers_nothing_from_the_lost_branch()
    {
        var network = await TestNetwork.DeployAsync(fixture, "restart-reorg");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("restart-reorg-alice");
        using var bob = new L2Wallet("restart-reorg-bob");
        await Rollups.DepositAndPublishAsync(network, alice.Address, Ether);
        var genesis = await a.Enclave.GetStatusAsync();
        var verdict = await a.AdmitAsync(L2Wallet.Encrypt(alice.SignTransfer(0, bob.Address, Ether / 5), networkKey));
        await Rollups.PublishNextAsync(a, [verdict.Transaction!]);
        var published = (await a.Enclave.GetStatusAsync()).LastIngested!;
        Assert.Equal(Ether / 5, (await bob.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);

        // More blocks than the host's block source caches, so it can only serve what the L1 node still has.
        await fixture.Rpc.MineAsync(40);
        await a.SyncAsync();

        // The enclave goes down; meanwhile the L1 drops every block from the one that published the transfer's rollup.
        await a.Cluster.Cluster.DeactivateAsync(a.Enclave.GetGrainId());
        await fixture.Rpc.ReorgAsync(await fixture.Rpc.GetBlockNumberAsync() - published.Number + 1);

        // The replay stops where the host can no longer provide the recorded block: the ledger is back at the genesis rollup.
        var restored = await a.Enclave.GetStatusAsync();
        Assert.Equal(genesis.HeadRollup, restored.HeadRollup);
        Assert.Equal(published.Number - 1, restored.LastIngested!.Number);

        // Bob's account grain still holds the lost branch, but no answer comes from it.
        var bobAccount = await bob.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode);
        Assert.Equal(UInt256.Zero, bobAccount.Balance);
        Assert.Empty(await bob.AskAsync(a, QueryKind.History, [], networkKey, HistoryEntry.DecodeList));
        Assert.Equal(TransactionState.Unknown, (await alice.AskAsync(a, QueryKind.Transaction, verdict.Transaction!.TransactionHash.ToArray(), networkKey, TransactionAnswer.Decode)).State);
        Assert.Equal(Ether, (await alice.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);

        // The host delivers the new fork from there, and the enclave goes on.
        await a.SyncAsync();
        Assert.Equal(await fixture.Rpc.GetBlockNumberAsync(), (await a.Enclave.GetStatusAsync()).LastIngested!.Number);
    }
}
