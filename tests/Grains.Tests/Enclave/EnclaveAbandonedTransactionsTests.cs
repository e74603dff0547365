using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Enclave;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// An L1 reorg that removes a rollup hands its transactions back to the host, sealed, so that a later rollup includes
/// them: none is lost, none is applied twice.
/// </summary>
[Collection(EnclaveNetworkDefinition.Name)]
public sealed class EnclaveAbandonedTransactionsTests(EnclaveNetworkFixture fixture)
{
    private static readonly UInt256 Ether = EnclaveNetworkFixture.Ether;

    [Fact]
    public async Task Transactions_of_a_rollup_an_L1_reorg_removed_come_back_sealed_and_a_later_rollup_applies_them_once()
    {
        var network = await TestNetwork.DeployAsync(fixture, "abandoned");
        await network.ProvisionAsync();
        var (a, b) = (network.A, network.B);
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("abandoned-alice");
        using var bob = new L2Wallet("abandoned-bob");
        await Rollups.DepositAndPublishAsync(network, alice.Address, Ether, b);

        var first = await a.AdmitAsync(L2Wallet.Encrypt(alice.SignTransfer(0, bob.Address, Ether / 4), networkKey));
        var second = await a.AdmitAsync(L2Wallet.Encrypt(alice.SignTransfer(1, bob.Address, Ether / 8), networkKey));
        Assert.True(first.Accepted && second.Accepted);
        var transfers = await Rollups.PublishNextAsync(a, [first.Transaction!, second.Transaction!], b);
        Assert.Equal([first.Transaction!.TransactionHash, second.Transaction!.TransactionHash], transfers.IncludedTransactions);

        // The L1 drops the block with the transfers' rollup; the deposit and the genesis stay.
        var head = await fixture.Rpc.GetBlockNumberAsync();
        var publishedIn = (await a.Enclave.GetStatusAsync()).LastIngested!.Number;
        await fixture.Rpc.ReorgAsync(head - publishedIn + 1);

        var outcomes = await a.SyncAsync();
        var abandoned = outcomes.SelectMany(o => o.Abandoned).ToList();
        Assert.Equal([first.Transaction.TransactionHash, second.Transaction.TransactionHash], abandoned.Select(t => t.TransactionHash));
        Assert.Empty(outcomes.SelectMany(o => o.IncludedTransactions));

        // Sealed as the admission sealed them: the host sees ciphertext (no raw transaction, no sender in it), and the
        // enclave opens it again.
        var sealer = fixture.NodeA.Vault.Find(a.NodeId)!.Secrets!.StateSealer;
        for (var i = 0; i < abandoned.Count; i++)
        {
            Assert.True(AdmittedTransactions.TryOpen(sealer, abandoned[i], TestNetwork.L2ChainId, out var opened));
            Assert.Equal(alice.Address, opened.Sender);
            var blob = Convert.ToHexString(abandoned[i].Sealed);
            Assert.DoesNotContain(Convert.ToHexString(opened.Raw), blob, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(alice.Address.ToArray()), blob, StringComparison.Ordinal);
        }

        await b.SyncAsync();
        Assert.Equal(UInt256.Zero, (await bob.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);

        // Offered again (as the mempool does), the next rollup includes them once; asked again, they are included already.
        var again = await Rollups.PublishNextAsync(a, abandoned, b);
        Assert.Equal(abandoned.Select(t => t.TransactionHash), again.IncludedTransactions);
        var expected = Ether / 4 + Ether / 8;
        Assert.Equal(expected, (await bob.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);
        Assert.Equal(expected, (await bob.AskAsync(b, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);
        Assert.Equal(2UL, (await alice.AskAsync(b, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Nonce);
        var stale = await a.Enclave.ProduceCandidateAsync(abandoned);
        Assert.Equal(abandoned.Select(t => t.TransactionHash), stale.Unincludable);
        Assert.Empty(stale.IncludedTransactions);
    }
}
