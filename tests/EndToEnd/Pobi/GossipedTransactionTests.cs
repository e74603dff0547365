using Obscuro.Client.Amounts;
using Obscuro.Client.Transactions;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>
/// Issue 6 "Gossip between clusters", end to end: a transaction submitted to one aggregator only reaches the other
/// aggregators' mempools over the gossip endpoint, so they include it even when the aggregator that took it is gone.
/// </summary>
public sealed class GossipedTransactionTests(ITestOutputHelper output)
{
    private const int Entry = 0;
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    [Fact]
    public async Task A_transfer_submitted_to_one_aggregator_is_gossiped_to_the_others_which_include_it_after_that_aggregator_goes_down()
    {
        await using var network = await PobiTestSupport.StartNetworkAsync(3);
        await network.WaitForGenerationAsync(2, TimeSpan.FromMinutes(2));

        // Gossip only goes to peers whose registration a node has ingested: wait for a round every node saw whole.
        await network.WaitForFullRoundAsync(TimeSpan.FromMinutes(2));
        var enclaves = await network.EnclavesAsync();
        var (alice, bob) = (network.Account(4), network.Account(5));
        var entry = network.CreateClient(Entry);
        var others = new[] { 1, 2 }.ToDictionary(i => i, network.CreateClient);
        var fee = L2Fees.PerTransaction(await entry.L1.GetL2FeePerGasAsync());
        var amount = Ether / new UInt256(4);
        var ledger = new ExpectedLedger();

        await entry.DepositAsync(alice, Asset.Eth, Ether);
        ledger.DepositEth(alice.Address, Ether);
        foreach (var client in others.Values.Prepend(entry))
        {
            await Poll.UntilAsync(() => client.GetAccountAsync(alice), a => a.Value.Balance == Ether, $"alice's deposit credited on {client.Node}");
        }

        // L1 holds still once the round on the current head has all its candidates (made before the transfer exists)
        // and its winner's rollup is waiting in the pool: the entry node has no later round in which it could
        // include the transfer before it goes down.
        await network.PauseAsync();
        var held = await network.WaitForHeldRoundAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"held: head generation {held.Head}, round {held.Generation} won by node {held.Winner}");
        var before = await network.StatusesAsync();
        Assert.All(before, s => Assert.Equal(0, s.PendingTransactions));

        // The transfer goes to the entry node's gateway only.
        var call = L2Calls.Transfer(Asset.Eth, bob.Address, amount);
        var submission = await entry.SubmitAsync(alice, call);
        output.WriteLine($"transfer {submission.TransactionHash} submitted to node {Entry}");

        // The others' mempools take it from gossip: their enclaves admitted it (their admitted count grew by one).
        foreach (var i in others.Keys)
        {
            var status = await network.WaitForStatusAsync(i, s => s.PendingTransactions == 1, TimeSpan.FromSeconds(30), $"node {i}'s mempool to hold the gossiped transfer");
            Assert.Equal(before[i].AdmittedTransactions + 1, status.AdmittedTransactions);
        }

        Assert.Equal(1, (await network.Node(Entry).Api.GetStatusAsync()).PendingTransactions);

        // The entry node goes down with the transfer still pending; only the gossiped copies can get it into a rollup.
        await network.StopNodeAsync(Entry);
        network.Resume();

        var viaB = others[1];
        var included = await Poll.UntilAsync(
            () => viaB.GetTransactionAsync(alice, submission.TransactionHash),
            t => t.Value.State != TransactionState.Unknown,
            "the gossiped transfer in a rollup on L1",
            TimeSpan.FromSeconds(90));
        Assert.Equal(TransactionState.Succeeded, included.Value.State);
        ledger.Included(new TransactionOutcome(call, submission, included), alice.Address, fee);
        ledger.TransferEth(alice.Address, bob.Address, amount);

        // Published by one of the two remaining aggregators, as anyone reads it from L1, in a round after the held one.
        var header = await new L1Rollups(network.Rpc, network.Deployment.RollupManagement).HeaderAsync(included.Value.RollupHash);
        output.WriteLine($"included in rollup {header.Hash}, generation {header.Generation}, by {header.Aggregator}");
        Assert.Equal(included.Value.Generation, header.Generation);
        Assert.True(header.Generation > held.Generation, $"the transfer is in generation {header.Generation}, whose candidates were made before it was submitted");
        Assert.NotEqual(enclaves[Entry], header.Aggregator);
        Assert.Contains(header.Aggregator, others.Keys.Select(i => enclaves[i]));

        foreach (var (i, client) in others)
        {
            // Each remaining node's round of that generation names the same canonical rollup and aggregator.
            var round = await PobiNetwork.PollAsync(
                async () => await network.Node(i).Api.GetRoundAsync(header.Generation) is { Canonical: not null } view ? view : null,
                TimeSpan.FromSeconds(30),
                $"node {i}'s round {header.Generation} decided on L1");
            Assert.Equal(header.Hash, round.Canonical!.RollupHash);
            Assert.Equal(header.Aggregator, round.Canonical.Aggregator);

            // Applied once, with the fee, on both: the nodes' verified answers match the ledger the test kept.
            var seen = await Poll.UntilAsync(() => client.GetTransactionAsync(alice, submission.TransactionHash), t => t.Value.State != TransactionState.Unknown, $"node {i} to see the transfer included");
            Assert.Equal((TransactionState.Succeeded, header.Hash), (seen.Value.State, seen.Value.RollupHash));
            var aliceAccount = (await client.GetAccountAsync(alice)).Value;
            Assert.Equal((ledger.Eth[alice.Address], 1UL), (aliceAccount.Balance, aliceAccount.Nonce));
            Assert.Equal(ledger.Eth[bob.Address], (await client.GetAccountAsync(bob)).Value.Balance);
            Assert.Single((await client.GetHistoryAsync(alice)).Value);

            // Its mempool lets go of the transfer once a canonical rollup on L1 holds it.
            await network.WaitForStatusAsync(i, s => s.PendingTransactions == 0, TimeSpan.FromSeconds(30), $"node {i}'s mempool to drop the included transfer");
        }
    }
}
