using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Keys;
using Obscuro.Client.Transactions;
using Obscuro.Contracts.Bindings;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.EndToEnd.Tests.Wallet;

/// <summary>
/// Front-running protection on a live node: a transaction's effects (balances, nonce, receipt, history) are released
/// only once the rollup holding it is in an L1 block. The test holds the L1 still (automine off), so the rollup with the
/// transaction sits in anvil's pool, built, signed and sent, while everyone, its sender included, still sees nothing;
/// then mines it and sees everything.
/// </summary>
public sealed class FrontRunningTests(ManualMiningDevnetFixture devnet) : IClassFixture<ManualMiningDevnetFixture>
{
    [Fact]
    public async Task A_pending_transfer_is_invisible_to_everyone_its_sender_included_until_its_rollup_is_in_an_l1_block()
    {
        var alice = await WalletUser.CreateAsync(devnet, "alice");
        var bob = await WalletUser.CreateAsync(devnet, "bob");
        var client = devnet.CreateClient();
        using var aliceKeys = alice.Unlock();
        using var bobKeys = bob.Unlock();
        var deposited = Asset.Eth.Parse("1");
        await client.DepositAsync(aliceKeys, Asset.Eth, deposited);
        await Poll.UntilAsync(() => client.GetAccountAsync(aliceKeys), a => a.Value.Balance == deposited, "alice's deposit credited");

        // From here on L1 blocks come only when the test mines one.
        var anvil = new AnvilControl(devnet.Rpc);
        await anvil.SetAutomineAsync(false);
        var amount = Asset.Eth.Parse("0.4");
        var fee = L2Fees.PerTransaction(await client.L1.GetL2FeePerGasAsync());
        var submission = await client.SubmitAsync(aliceKeys, L2Calls.Transfer(Asset.Eth, bob.Address, amount));
        var transaction = submission.TransactionHash;
        await DevnetFixture.WaitForStatusAsync(devnet.Aggregator, s => s.PendingTransactions == 1, Poll.DefaultTimeout, "the transfer in the mempool");

        // Each round: the aggregator's next rollup waits in anvil's pool, unseen effects are checked, one block is mined.
        // The aggregator publishes a rollup for every new head, so one is always waiting once the previous block is in.
        var seenPending = new HashSet<Hash256>();
        for (var round = 1; ; round++)
        {
            var pending = await Poll.UntilAsync(() => PendingRollupsAsync(anvil), r => r.Count > 0, "a rollup publication waiting in anvil's pool", TimeSpan.FromSeconds(30));
            seenPending.UnionWith(pending);
            await AssertInvisibleAsync(client, alice, aliceKeys, bobKeys, deposited, transaction);

            await anvil.MineAsync();
            await DevnetFixture.WaitForStatusAsync(devnet.Aggregator, s => pending.Contains(s.HeadRollup), Poll.DefaultTimeout, "the mined rollup ingested");
            var answer = await client.GetTransactionAsync(aliceKeys, transaction);
            if (answer.Value.State != TransactionState.Unknown)
            {
                Assert.Equal(TransactionState.Succeeded, answer.Value.State);
                Assert.Contains(answer.Value.RollupHash, seenPending);
                Assert.Equal(fee, answer.Value.FeePaid);
                break;
            }

            Assert.True(round < 4, $"The transfer is in none of the {round} rollups published since it was submitted.");
        }

        // In an L1 block now: everything shows, to both.
        var aliceAfter = (await client.GetAccountAsync(aliceKeys)).Value;
        Assert.Equal(new AccountSummary(deposited - amount - fee, 1), aliceAfter);
        Assert.Equal(amount, (await client.GetAccountAsync(bobKeys)).Value.Balance);
        var outgoing = Assert.Single((await client.GetHistoryAsync(aliceKeys)).Value, e => e.TransactionHash == transaction);
        Assert.True(outgoing.Outgoing);
        Assert.Equal(amount, outgoing.Amount);
        var incoming = Assert.Single((await client.GetHistoryAsync(bobKeys)).Value);
        Assert.Equal((transaction, false, alice.Address), (incoming.TransactionHash, incoming.Outgoing, incoming.Counterparty));
        var status = (await alice.RunAsync("status", transaction.ToString(), "--json")).Ok().Json;
        Assert.Equal("succeeded", status["status"]!.GetValue<string>());
    }

    /// <summary>Everything a user can ask about the transfer shows it has not happened: sender and recipient alike.</summary>
    private static async Task AssertInvisibleAsync(ObscuroClient client, WalletUser alice, UnlockedAccount aliceKeys, UnlockedAccount bobKeys, UInt256 deposited, Hash256 transaction)
    {
        Assert.Equal(new AccountSummary(deposited, 0), (await client.GetAccountAsync(aliceKeys)).Value);
        Assert.Equal(TransactionState.Unknown, (await client.GetTransactionAsync(aliceKeys, transaction)).Value.State);
        Assert.DoesNotContain((await client.GetHistoryAsync(aliceKeys)).Value, e => e.TransactionHash == transaction);
        Assert.Equal(new AccountSummary(UInt256.Zero, 0), (await client.GetAccountAsync(bobKeys)).Value);
        Assert.Empty((await client.GetHistoryAsync(bobKeys)).Value);
        Assert.Equal(TransactionState.Unknown, (await client.GetTransactionAsync(bobKeys, transaction)).Value.State);

        var status = (await alice.RunAsync("status", transaction.ToString())).Ok();
        Assert.StartsWith("Not in any rollup on L1 yet", status.Out, StringComparison.Ordinal);
        var balance = (await alice.RunAsync("balance", "--asset", "ETH", "--json")).Ok().Json;
        Assert.Equal(deposited.ToString(), balance["balances"]![0]!["baseUnits"]!.GetValue<string>());
        Assert.Equal(0UL, balance["nonce"]!.GetValue<ulong>());
    }

    /// <summary>The hashes of the rollups whose publication waits in anvil's pool.</summary>
    private async Task<IReadOnlyList<Hash256>> PendingRollupsAsync(AnvilControl anvil)
    {
        var rollupManagement = devnet.Deployment.RollupManagement;
        var rollups = new List<Hash256>();
        foreach (var (_, to, input) in await anvil.PendingAsync())
        {
            if (to == rollupManagement)
            {
                rollups.Add(RollupManagementContract.DecodePublishRollupCall(input).Header.Hash);
            }
        }

        return rollups;
    }
}
