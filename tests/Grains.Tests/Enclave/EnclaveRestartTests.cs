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
}
