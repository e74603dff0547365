using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Grains.Tests.Enclave;

[Collection(EnclaveNetworkDefinition.Name)]
public sealed class EnclaveReorgTests(EnclaveNetworkFixture fixture)
{
    private static readonly UInt256 Ether = EnclaveNetworkFixture.Ether;

    [Fact]
    public async Task An_L1_reorg_removing_published_rollups_and_a_deposit_rolls_the_ledger_back_and_corrects_the_accounts()
    {
        var network = await TestNetwork.DeployAsync(fixture, "reorg");
        await network.ProvisionAsync();
        var (a, b) = (network.A, network.B);
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("reorg-alice");
        using var bob = new L2Wallet("reorg-bob");

        var deposit = await network.DepositAsync(alice.Address, Ether);
        await a.SyncAsync();
        var genesis = await Rollups.PublishNextAsync(a, [], b);
        var verdict = await a.AdmitAsync(L2Wallet.Encrypt(alice.SignTransfer(0, bob.Address, Ether / 4), networkKey));
        Assert.True(verdict.Accepted, verdict.Message);
        var transfer = await Rollups.PublishNextAsync(a, [verdict.Transaction!], b);
        Assert.Equal(1UL, (await a.Enclave.GetStatusAsync()).HeadGeneration);
        Assert.Equal(Ether / 4, (await bob.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);
        Assert.Equal(Ether / 4, (await bob.AskAsync(b, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);

        // The L1 replaces every block from the deposit on: the deposit and both publications are gone.
        var head = await fixture.Rpc.GetBlockNumberAsync();
        await fixture.Rpc.ReorgAsync(head - deposit.Receipt.BlockNumber + 1);
        Assert.Null(await fixture.Rpc.GetTransactionReceiptAsync(deposit.TransactionHash));

        foreach (var node in new[] { a, b })
        {
            var outcomes = await node.SyncAsync();
            Assert.Contains(outcomes, o => o.HeadChanged);
            var status = await node.Enclave.GetStatusAsync();
            Assert.Equal(Hash256.Zero, status.HeadRollup);
            Assert.Equal(await fixture.Rpc.GetBlockNumberAsync(), status.LastIngested!.Number);

            // Accounts touched only on the abandoned branch are corrected: no credit, no transfer, no history, unknown transaction.
            var aliceAccount = await alice.AskAsync(node, QueryKind.Account, [], networkKey, AccountSummary.Decode);
            Assert.Equal((UInt256.Zero, 0UL), (aliceAccount.Balance, aliceAccount.Nonce));
            Assert.Equal(UInt256.Zero, (await bob.AskAsync(node, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);
            Assert.Empty(await alice.AskAsync(node, QueryKind.History, [], networkKey, HistoryEntry.DecodeList));
            Assert.Empty(await bob.AskAsync(node, QueryKind.History, [], networkKey, HistoryEntry.DecodeList));
            var status0 = await alice.AskAsync(node, QueryKind.Transaction, verdict.Transaction!.TransactionHash.ToArray(), networkKey, TransactionAnswer.Decode);
            Assert.Equal(TransactionState.Unknown, status0.State);
        }

        // The removed deposit counts only once it is mined again. The genesis candidate was built on a dependency the
        // L1 no longer has, so the enclave rebuilds it on this fork, with the same nonce (one draw per parent).
        await network.DepositAsync(alice.Address, Ether / 2);
        await a.SyncAsync();
        var rebuilt = await Rollups.PublishNextAsync(a, [], b);
        Assert.Equal(genesis.Rollup!.Nonce, rebuilt.Rollup!.Nonce);
        Assert.NotEqual(genesis.Rollup.RollupHash, rebuilt.Rollup.RollupHash);
        Assert.Equal(Ether / 2, (await alice.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);
        Assert.Equal(Ether / 2, (await alice.AskAsync(b, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);
        Assert.NotEqual(transfer.Rollup!.RollupHash, (await a.Enclave.GetStatusAsync()).HeadRollup);
    }

    [Fact]
    public async Task A_reorg_removing_the_network_initialisation_has_the_genesis_node_initialise_again_with_the_seed_it_holds()
    {
        var network = await TestNetwork.DeployAsync(fixture, "reorg-init");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var before = await a.Enclave.GetStatusAsync();
        var publicKey = await network.NetworkPublicKeyAsync();

        // The L1 drops the block with initializeNetwork: on this fork the network has no key and the enclave is pending again.
        await fixture.Rpc.ReorgAsync(1);
        Assert.False(await network.Contracts.NetworkManagement.NetworkInitializedAsync());
        var calls = (await a.SyncAsync()).SelectMany(o => o.Calls).ToList();

        // The request comes again once the retry interval has passed without the call's effect on L1.
        await fixture.Rpc.MineAsync(10);
        calls.AddRange((await a.SyncAsync()).SelectMany(o => o.Calls));
        var initialize = Assert.Single(calls);
        Assert.Equal("initializeNetwork", initialize.Purpose);
        await a.SendCallsAsync([initialize]);
        await a.SyncAsync();

        Assert.True(await network.Contracts.NetworkManagement.NetworkInitializedAsync());
        Assert.Equal(publicKey, await network.NetworkPublicKeyAsync());
        Assert.Equal(before.NetworkAddress, (await a.Enclave.GetStatusAsync()).NetworkAddress);
        Assert.True(await network.Contracts.NetworkManagement.IsProvisionedAsync(before.EnclaveAddress));
    }
}
