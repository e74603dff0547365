using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Enclave;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Enclave;

[Collection(EnclaveNetworkDefinition.Name)]
public sealed class EnclaveProvisioningTests(EnclaveNetworkFixture fixture)
{
    [Fact]
    public async Task Genesis_node_registers_and_initialises_the_network_and_a_verifier_gets_the_seed_through_respondSecret()
    {
        var network = await TestNetwork.DeployAsync(fixture, "provisioning");
        var a = network.A;
        var b = network.B;

        var started = await a.StartAsync();
        Assert.False(started.Provisioned);
        Assert.Null(started.LastIngested);

        // First sight of L1: A is not registered, so it asks for exactly one register call, signed for its operator.
        var first = await a.SyncAsync();
        var register = Assert.Single(first.SelectMany(o => o.Calls));
        Assert.Equal("register", register.Purpose);
        Assert.Equal(network.Contracts.Addresses.NetworkManagement, register.To);
        Assert.Equal(TestNetwork.Parameters.RegistrationFee + TestNetwork.Parameters.MinimumStake, register.Value);
        Assert.Contains("registration", (await a.Enclave.GetStatusAsync()).WaitingFor, StringComparison.Ordinal);
        await a.SendCallsAsync([register]);

        // Its registration verified on L1, the genesis node asks to initialise the network.
        var second = await a.SyncAsync();
        var initialize = Assert.Single(second.SelectMany(o => o.Calls));
        Assert.Equal("initializeNetwork", initialize.Purpose);
        await a.SendCallsAsync([initialize]);

        // The block that provisions it is a new head to build on, even before any rollup: the host's cue for the genesis.
        var provisioning = Assert.Single(await a.SyncAsync());
        Assert.True(provisioning.HeadChanged);
        Assert.Equal(Hash256.Zero, provisioning.HeadRollup);

        var statusA = await a.Enclave.GetStatusAsync();
        Assert.True(statusA.Provisioned);
        Assert.Equal(await network.Contracts.NetworkManagement.NetworkAddressAsync(), statusA.NetworkAddress);
        Assert.True(await network.Contracts.NetworkManagement.IsProvisionedAsync(statusA.EnclaveAddress));
        Assert.Equal("the genesis rollup", statusA.WaitingFor);

        // The verifier registers; A answers the request with the seed, B takes it from L1 and derives the same network key.
        await network.ProvisionAsync();
        var statusB = await b.Enclave.GetStatusAsync();
        Assert.True(statusB.Provisioned);
        Assert.NotEqual(statusA.EnclaveAddress, statusB.EnclaveAddress);
        Assert.Equal(statusA.NetworkAddress, statusB.NetworkAddress);
        Assert.True(await network.Contracts.NetworkManagement.IsProvisionedAsync(statusB.EnclaveAddress));
        Assert.Contains(a.Outcomes.SelectMany(o => o.Calls), call => call.Purpose.StartsWith("respondSecret", StringComparison.Ordinal));
        Assert.DoesNotContain(b.Outcomes.SelectMany(o => o.Calls), call => call.Purpose is "initializeNetwork" || call.Purpose.StartsWith("respondSecret", StringComparison.Ordinal));
        Assert.Empty(a.RefusedCalls);
        Assert.Empty(b.RefusedCalls);

        // Both follow the same L1 blocks: the same last ingested block once both are synced.
        await a.SyncAsync();
        await b.SyncAsync();
        Assert.Equal((await a.Enclave.GetStatusAsync()).LastIngested, (await b.Enclave.GetStatusAsync()).LastIngested);

        // A verifier produces nothing.
        var candidate = await b.Enclave.ProduceCandidateAsync([]);
        Assert.Null(candidate.Rollup);
        Assert.Contains("verifier", candidate.NotReadyReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_enclave_refuses_blocks_it_cannot_chain_to_what_it_has_verified()
    {
        var network = await TestNetwork.DeployAsync(fixture, "refusals");
        var a = network.A;
        await a.StartAsync();
        await a.SyncAsync();
        var last = (await a.Enclave.GetStatusAsync()).LastIngested!;

        // A block whose parent the enclave has not ingested: the host must deliver from the last ingested block.
        var orphan = new L1BlockNotice(Keccak256.Hash("orphan"u8), Keccak256.Hash("unknown parent"u8), last.Number + 1);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => a.Enclave.IngestAsync(orphan));
        Assert.Contains("has not been ingested", refused.Message, StringComparison.Ordinal);

        // A notice naming a real parent but a block the host cannot back with a block of that hash.
        var forged = new L1BlockNotice(Keccak256.Hash("forged"u8), last.Hash, last.Number + 1);
        await Assert.ThrowsAnyAsync<Exception>(() => a.Enclave.IngestAsync(forged));
        Assert.Equal(last, (await a.Enclave.GetStatusAsync()).LastIngested);

        // Without StartAsync there is nothing to resume from.
        var stranger = a.Cluster.Grains.GetGrain<IEnclaveGrain>(a.NodeId + "-never-started");
        Assert.Equal("the host to start the enclave (StartAsync)", (await stranger.GetStatusAsync()).WaitingFor);
        await Assert.ThrowsAsync<InvalidOperationException>(() => stranger.IngestAsync(last));

        // Settings must not change.
        var other = a.Settings with { L2ChainId = a.Settings.L2ChainId + 1 };
        await Assert.ThrowsAsync<InvalidOperationException>(() => a.Enclave.StartAsync(other));
    }

    [Fact]
    public async Task A_verifier_joining_late_rebuilds_the_ledger_from_the_anchor_and_updates_every_account_it_touched()
    {
        var network = await TestNetwork.DeployAsync(fixture, "late-verifier");
        await network.ProvisionAsync(withVerifier: false);
        var (a, b) = (network.A, network.B);
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("late-alice");
        using var bob = new L2Wallet("late-bob");
        using var carol = new L2Wallet("late-carol");
        var ether = EnclaveNetworkFixture.Ether;

        await network.DepositAsync(carol.Address, ether / 7);
        await Rollups.DepositAndPublishAsync(network, alice.Address, ether);
        var verdict = await a.AdmitAsync(L2Wallet.Encrypt(alice.SignTransfer(0, bob.Address, ether / 2), networkKey));
        await Rollups.PublishNextAsync(a, [verdict.Transaction!]);

        // Long after (more blocks than an enclave retains), the verifier registers and is given the seed.
        await fixture.Rpc.MineAsync(40);
        await a.SyncAsync();
        await b.StartAsync();
        await Poll.UntilAsync(
            async () =>
            {
                await b.StepAsync();
                await a.StepAsync();
                return await b.Enclave.GetStatusAsync();
            },
            status => status.Provisioned,
            TimeSpan.FromSeconds(30),
            "provisioned");
        await a.SyncAsync();
        await b.SyncAsync();
        var headA = await a.Enclave.GetStatusAsync();
        var headB = await b.Enclave.GetStatusAsync();
        Assert.Equal((headA.HeadRollup, headA.HeadGeneration, headA.LastIngested), (headB.HeadRollup, headB.HeadGeneration, headB.LastIngested));

        // Every account the chain touched was pushed to the verifier's account grains while it rebuilt, Carol's deposit too.
        var secrets = b.Cluster.Vault.Find(b.NodeId)!.Secrets!;
        var serializer = b.Cluster.EnclaveSilo.ServiceProvider.GetRequiredService<Orleans.Serialization.Serializer>();
        foreach (var (wallet, balance) in new[] { (carol, ether / 7), (bob, ether / 2) })
        {
            var key = secrets.AccountGrainKey(b.NodeId, wallet.Address);
            var sealedSnapshot = await b.Cluster.Grains.GetGrain<Node.IAccountGrain>(key).GetSealedSnapshotAsync();
            var snapshot = AccountSealing.Open<AccountSnapshot>(secrets.StateSealer, serializer, AccountSealing.SnapshotPurpose, key, sealedSnapshot);
            Assert.NotNull(snapshot.Anchor);
            Assert.Equal(balance, snapshot.Balance);
            Assert.Equal(balance, (await wallet.AskAsync(b, Protocol.Queries.QueryKind.Account, [], networkKey, Protocol.Queries.AccountSummary.Decode)).Balance);
        }
    }
}
