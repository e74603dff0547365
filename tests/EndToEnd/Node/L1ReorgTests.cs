using Obscuro.Client.Amounts;
using Obscuro.Client.Transactions;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.EndToEnd.Tests.Node;

/// <summary>
/// An L1 reorg (anvil_reorg) removes a deposit and the published rollup holding a transfer: both nodes roll back and
/// replay; the transfer is included again by a later rollup (once), and the deposit counts only once it is mined again.
/// </summary>
public sealed class L1ReorgTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    [Fact]
    public async Task A_reorg_removing_a_deposit_and_a_published_rollup_rolls_back_and_replays_on_both_nodes()
    {
        var (alice, bob, carol) = (devnet.Account(4), devnet.Account(5), devnet.Account(6));
        var wallet = devnet.CreateClient();
        var viaVerifier = devnet.CreateClient(devnet.Verifier);
        var fee = L2Fees.PerTransaction(await wallet.L1.GetL2FeePerGasAsync());
        var (twoEther, quarter) = (Ether * new UInt256(2), Ether / new UInt256(4));

        await wallet.DepositAsync(alice, Asset.Eth, twoEther);
        await Poll.UntilAsync(() => wallet.GetAccountAsync(alice), a => a.Value.Balance == twoEther, "alice's deposit credited");

        // The deposit and the rollup the reorg removes: carol's deposit, then alice's transfer in a rollup after it.
        var removed = await wallet.DepositAsync(carol, Asset.Eth, Ether);
        var transfer = await wallet.TransferAsync(alice, Asset.Eth, bob.Address, quarter);
        await Poll.UntilAsync(() => wallet.GetAccountAsync(carol), a => a.Value.Balance == Ether, "carol's deposit credited before the reorg");
        var headBefore = await devnet.Rpc.GetBlockNumberAsync();

        await devnet.Rpc.ReorgFromAsync(removed.BlockNumber, devnet.Options.BlockTimeSeconds!.Value);
        Assert.Null(await devnet.Rpc.GetTransactionReceiptAsync(removed.TransactionHash));

        // Rolled back and replayed: the transfer is in a rollup published on the new fork, applied once; carol's deposit
        // is not credited. The aggregator may publish the very rollup the reorg removed again (its parent and L1
        // dependency survived, so it is still valid) or a rebuilt one. The verifier agrees: same rollup, same accounts.
        var again = await Poll.UntilAsync(
            () => wallet.GetTransactionAsync(alice, transfer.Submission.TransactionHash),
            t => t.Value.State == TransactionState.Succeeded && t.BasedOn.L1BlockNumber > headBefore,
            "the transfer included again after the reorg");
        Assert.True(await new RollupManagementContract(devnet.Deployment.RollupManagement, devnet.Rpc).IsPublishedAsync(again.Value.RollupHash));
        foreach (var client in new[] { wallet, viaVerifier })
        {
            var seen = await Poll.UntilAsync(() => client.GetTransactionAsync(alice, transfer.Submission.TransactionHash), t => t.Value.RollupHash == again.Value.RollupHash, "the node on the new rollup");
            Assert.Equal(TransactionState.Succeeded, seen.Value.State);
            Assert.Equal(UInt256.Zero, (await client.GetAccountAsync(carol)).Value.Balance);
            Assert.Equal(quarter, (await client.GetAccountAsync(bob)).Value.Balance);
            var aliceAccount = (await client.GetAccountAsync(alice)).Value;
            Assert.Equal((twoEther - quarter - fee, 1UL), (aliceAccount.Balance, aliceAccount.Nonce));
            Assert.Single((await client.GetHistoryAsync(alice)).Value);
        }

        // Mined again, the deposit is credited once, on both nodes.
        await wallet.DepositAsync(carol, Asset.Eth, Ether);
        foreach (var client in new[] { wallet, viaVerifier })
        {
            await Poll.UntilAsync(() => client.GetAccountAsync(carol), a => a.Value.Balance == Ether, "carol's deposit mined again and credited");
            Assert.Equal(quarter, (await client.GetAccountAsync(bob)).Value.Balance);
        }
    }
}
