using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Transactions;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>
/// Issue 6 "L1 forks" with three aggregators (spec "Competing L1 Blockchain Forks"): an <c>anvil_reorg</c> removes L1
/// blocks holding a deposit and several published rollups, one of them with a transfer. Every node rolls back to the
/// common ancestor, the network re-runs the lost rounds on the new fork, and all three agree on it again.
/// </summary>
public sealed class MultiAggregatorReorgTests(ITestOutputHelper output)
{
    private const int Aggregators = 3;
    private const ulong MaxReorgDepth = 64; // the L1 watcher's default bound; a deeper reorg is refused, not followed
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    [Fact]
    public async Task A_reorg_removing_a_deposit_and_published_rollups_rolls_every_aggregator_back_to_the_common_ancestor_and_they_converge_on_the_new_fork()
    {
        await using var network = await PobiTestSupport.StartNetworkAsync(Aggregators);
        await network.WaitForGenerationAsync(2, TimeSpan.FromMinutes(2));
        await network.WaitForFullRoundAsync(TimeSpan.FromMinutes(2));
        var contract = new RollupManagementContract(network.Deployment.RollupManagement, network.Rpc);
        var l1Rollups = new L1Rollups(network.Rpc, network.Deployment.RollupManagement);
        var (alice, bob, carol) = (network.Account(4), network.Account(5), network.Account(6));
        var clients = Enumerable.Range(0, Aggregators).Select(network.CreateClient).ToList();
        var enclaves = await network.EnclavesAsync();
        var fee = L2Fees.PerTransaction(await clients[0].L1.GetL2FeePerGasAsync());
        var quarter = Ether / new UInt256(4);
        var ledger = new ExpectedLedger();

        // Before the fork point: alice's deposit, credited everywhere; it survives the reorg.
        await clients[0].DepositAsync(alice, Asset.Eth, Ether * new UInt256(2));
        ledger.DepositEth(alice.Address, Ether * new UInt256(2));
        await AllAsync(clients, c => c.GetAccountAsync(alice), a => a.Value.Balance == ledger.Eth[alice.Address], "alice's deposit credited");

        // Everything after this L1 block goes. Carol's deposit is after it, and so is the rollup that credits it (its
        // dependency block is the deposit's or later), so neither can come back unchanged on the new fork.
        var forkPoint = await network.L1HeightAsync();
        var removedDeposit = await clients[0].DepositAsync(carol, Asset.Eth, Ether);
        Assert.True(removedDeposit.BlockNumber > forkPoint);
        var credited = await AllAsync(clients, c => c.GetAccountAsync(carol), a => a.Value.Balance == Ether, "carol's deposit credited before the reorg");

        // Submitted once carol's rollup is on L1: the transfer's rollup has a parent published after the fork point,
        // so its proof of inclusion names a block the reorg replaces and it can never be published again as it is.
        var transfer = await clients[0].TransferAsync(alice, Asset.Eth, bob.Address, quarter);
        var transferRollup = transfer.Result.Value.RollupHash;
        Assert.True(transfer.Result.Value.Generation > credited.Max(a => a.BasedOn.Generation));
        ledger.Included(transfer, alice.Address, fee);
        ledger.TransferEth(alice.Address, bob.Address, quarter);
        await AllAsync(clients, c => c.GetTransactionAsync(alice, transfer.Submission.TransactionHash), t => t.Value.RollupHash == transferRollup, "every node sees the transfer in its rollup");

        // Hold L1 and take stock of what the reorg will remove, from L1 alone.
        await network.PauseAsync();
        var height = await network.L1HeightAsync();
        var depth = height - forkPoint;
        Assert.True(depth < MaxReorgDepth, $"the reorg would replace {depth} blocks, more than the nodes follow");
        var removed = (await contract.GetEventsAsync(BlockTag.At(forkPoint + 1), BlockTag.At(height)))
            .OfType<RollupPublishedEvent>()
            .ToList();
        var headBefore = await l1Rollups.HeaderAsync((await network.SettleAsync(TimeSpan.FromSeconds(30)))[0].HeadRollup);
        var chainBefore = await l1Rollups.ChainAsync(headBefore.Hash);
        var removedHashes = removed.Select(r => r.RollupHash).ToHashSet();
        var ancestor = chainBefore.Last(h => !removedHashes.Contains(h.Hash));
        Assert.All(chainBefore.Skip((int)ancestor.Generation + 1), h => Assert.Contains(h.Hash, removedHashes));
        var creditedRollup = credited[0].BasedOn.RollupHash;
        Assert.Contains(transferRollup, removedHashes);
        Assert.Contains(creditedRollup, removedHashes);
        output.WriteLine($"reorg of {depth} blocks above {forkPoint}: common ancestor rollup {ancestor.Generation} ({ancestor.Hash}); " +
            $"removes {removed.Count} rollups of generations {removed.Min(r => r.Generation)}–{removed.Max(r => r.Generation)} (head {headBefore.Generation}); " +
            $"carol credited in {creditedRollup}, transfer in {transferRollup}");

        // Every node has recorded every rollup the reorg will remove, in its block.
        for (var i = 0; i < Aggregators; i++)
        {
            foreach (var rollup in removed)
            {
                var api = network.Node(i).Api;
                await PobiNetwork.PollAsync(
                    async () => await api.GetRollupAsync(rollup.RollupHash) is { } record && record.IncludedIn?.Hash == rollup.Origin.BlockHash ? record : null,
                    TimeSpan.FromSeconds(30),
                    $"node {i} to record rollup {rollup.RollupHash} in L1 block {rollup.Origin.BlockNumber}");
            }
        }

        await network.ReorgAsync(depth);
        Assert.Equal(height, await network.L1HeightAsync());
        Assert.Null(await network.Rpc.GetTransactionReceiptAsync(removedDeposit.TransactionHash));
        foreach (var rollup in removed)
        {
            Assert.False(await contract.IsPublishedAsync(rollup.RollupHash), $"rollup {rollup.RollupHash} is still on L1 after the reorg");
        }

        // L1 still held: every node ingests the new (empty) branch and rolls back to the common ancestor. Nothing
        // removed is canonical any more, nor does a round still count it as on L1.
        var tip = (await network.Rpc.GetBlockByNumberAsync(BlockTag.At(height)))!.Hash;
        for (var i = 0; i < Aggregators; i++)
        {
            var api = network.Node(i).Api;
            var status = await Poll.UntilAsync(
                () => api.GetStatusAsync(),
                s => s.Enclave?.LastIngested?.Hash == tip && s.HeadRollup == ancestor.Hash,
                $"node {i} to ingest the new L1 branch up to {height} ({tip}) and roll back to rollup {ancestor.Generation} ({ancestor.Hash})",
                TimeSpan.FromSeconds(30));
            Assert.Equal(ancestor.Generation, status.HeadGeneration);
            await WaitUntilNoneOnL1Async(network, i, removed);
        }

        // Carol's deposit went with its block.
        foreach (var client in clients)
        {
            await Poll.UntilAsync(() => client.GetAccountAsync(carol), a => a.BasedOn.RollupHash == ancestor.Hash, $"{client.Node} to answer from the common ancestor");
            Assert.Equal(UInt256.Zero, (await client.GetAccountAsync(carol)).Value.Balance);
        }

        // The network re-runs the lost rounds on the new fork and goes past the old head.
        network.Resume();
        await network.WaitForGenerationAsync(headBefore.Generation + 2, TimeSpan.FromSeconds(90));

        // The transfer came back to the mempools and is in exactly one rollup of the new fork, not the removed one.
        var again = await AllAsync(
            clients,
            c => c.GetTransactionAsync(alice, transfer.Submission.TransactionHash),
            t => t.Value.State != TransactionState.Unknown && t.BasedOn.L1BlockNumber > forkPoint && !removedHashes.Contains(t.Value.RollupHash),
            "the transfer included again on the new fork");
        Assert.Single(again.Select(t => t.Value.RollupHash).Distinct());
        Assert.All(again, t => Assert.Equal(TransactionState.Succeeded, t.Value.State));
        Assert.True(await contract.IsPublishedAsync(again[0].Value.RollupHash));
        for (var i = 0; i < Aggregators; i++)
        {
            var aliceAccount = (await clients[i].GetAccountAsync(alice)).Value;
            Assert.Equal((ledger.Eth[alice.Address], 1UL), (aliceAccount.Balance, aliceAccount.Nonce));
            Assert.Equal(ledger.Eth[bob.Address], (await clients[i].GetAccountAsync(bob)).Value.Balance);
            Assert.Single((await clients[i].GetHistoryAsync(alice)).Value);
            Assert.Equal(UInt256.Zero, (await clients[i].GetAccountAsync(carol)).Value.Balance);
        }

        // Mined again, carol's deposit is credited, once, on every node.
        await clients[1].DepositAsync(carol, Asset.Eth, Ether);
        ledger.DepositEth(carol.Address, Ether);
        await AllAsync(clients, c => c.GetAccountAsync(carol), a => a.Value.Balance == ledger.Eth[carol.Address], "carol's deposit mined again and credited");

        // All three on one head, past the old one; the rounds of every generation the reorg touched name the same
        // canonical rollup on every node, which is the one L1 holds, and no removed rollup is canonical anywhere.
        await network.PauseAsync();
        var (statuses, chainAfter) = await ConvergedAsync(network, l1Rollups, enclaves);
        Assert.True(statuses[0].HeadGeneration > headBefore.Generation);
        Assert.Equal(chainBefore.Take((int)ancestor.Generation + 1).Select(h => h.Hash), chainAfter.Take((int)ancestor.Generation + 1).Select(h => h.Hash));
        for (var generation = ancestor.Generation + 1; generation <= statuses[0].HeadGeneration; generation++)
        {
            var onL1 = chainAfter[(int)generation];
            for (var i = 0; i < Aggregators; i++)
            {
                var round = await network.Node(i).Api.GetRoundAsync(generation);
                Assert.Equal(onL1.Hash, round.Canonical?.RollupHash);
                Assert.Equal(onL1.Aggregator, round.Canonical!.Aggregator);
                var record = await network.Node(i).Api.GetRollupAsync(onL1.Hash);
                Assert.Equal("canonical", record?.Standing);
                Assert.Equal((await contract.RollupAsync(onL1.Hash)).PublishedAt, record!.IncludedIn?.Number);
            }
        }

        // A removed rollup may be published again unchanged (if its parent's inclusion and its dependency survived);
        // the others are gone for good, and every node says so.
        var gone = new List<RollupPublishedEvent>();
        foreach (var rollup in removed)
        {
            if (!await contract.IsPublishedAsync(rollup.RollupHash)) gone.Add(rollup);
        }

        output.WriteLine($"after: head {statuses[0].HeadGeneration}; transfer again in generation {again[0].Value.Generation} ({again[0].Value.RollupHash}); " +
            $"{gone.Count} of the {removed.Count} removed rollups are gone for good, {removed.Count - gone.Count} were published again unchanged");
        Assert.Contains(gone, r => r.RollupHash == transferRollup);
        Assert.Contains(gone, r => r.RollupHash == creditedRollup);
        for (var i = 0; i < Aggregators; i++)
        {
            await WaitUntilNoneOnL1Async(network, i, gone);
        }

        network.Resume();
    }

    /// <summary>
    /// With L1 held: waits until every node is on one rollup head and each node's count of rounds won is the number of
    /// rollups its enclave has on the canonical chain L1 holds up to that head (a win the reorg removed no longer counts,
    /// one won again on the new fork counts once). Returns the statuses and that chain, genesis first.
    /// </summary>
    private static async Task<(List<Grains.Node.NodeStatus> Statuses, IReadOnlyList<Protocol.Rollups.RollupHeader> Chain)> ConvergedAsync(
        PobiNetwork network, L1Rollups l1Rollups, IReadOnlyList<Address> enclaves)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var statuses = await network.StatusesAsync();
            var heads = statuses.Select(s => s.HeadRollup).Distinct().ToList();
            var last = $"heads {string.Join(", ", statuses.Select(s => s.HeadGeneration))}";
            if (heads.Count == 1)
            {
                var chain = await l1Rollups.ChainAsync(heads[0]);
                var won = enclaves.Select(e => (long)chain.Skip(1).Count(h => h.Aggregator == e)).ToList();
                if (statuses.Select(s => s.RoundsWon).SequenceEqual(won))
                {
                    return (statuses, chain);
                }

                last += $"; rounds won as reported {string.Join(", ", statuses.Select(s => s.RoundsWon))}, on L1 {string.Join(", ", won)}";
            }

            Assert.True(DateTime.UtcNow < deadline, $"the nodes did not converge after the reorg: {last}");
            await Task.Delay(100);
        }
    }

    /// <summary>Reads every client until <paramref name="done"/> holds on each; returns their answers in client order.</summary>
    private static async Task<List<T>> AllAsync<T>(IReadOnlyList<ObscuroClient> clients, Func<ObscuroClient, Task<T>> read, Func<T, bool> done, string what)
    {
        var answers = new List<T>();
        foreach (var client in clients)
        {
            answers.Add(await Poll.UntilAsync(() => read(client), done, $"{what} on {client.Node}"));
        }

        return answers;
    }

    /// <summary>
    /// Waits until node <paramref name="index"/> no longer takes any of <paramref name="gone"/> (rollups it recorded, no
    /// longer on L1) as being on L1: its rollup record says removed, in no block, and its rounds list it neither as the
    /// canonical rollup nor among those on L1. The node records this right after ingesting the new fork's first block.
    /// </summary>
    private static async Task WaitUntilNoneOnL1Async(PobiNetwork network, int index, IReadOnlyList<RollupPublishedEvent> gone)
    {
        var api = network.Node(index).Api;
        foreach (var rollup in gone)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                var record = await api.GetRollupAsync(rollup.RollupHash);
                var round = await api.GetRoundAsync(rollup.Generation);
                var onL1 = round.OnL1.FirstOrDefault(r => r.RollupHash == rollup.RollupHash);
                if (record is { Standing: RollupRecord.RemovedStanding, IncludedIn: null } && round.Canonical?.RollupHash != rollup.RollupHash && onL1 is null)
                {
                    break;
                }

                Assert.True(
                    DateTime.UtcNow < deadline,
                    $"node {index} still has removed rollup {rollup.Generation} ({rollup.RollupHash}) as {record?.Standing ?? "unrecorded"} in L1 block {record?.IncludedIn?.Number}; " +
                    $"its round lists it as {onL1?.Standing ?? "not on L1"} ({onL1?.RewardClass}), canonical {round.Canonical?.RollupHash}");
                await Task.Delay(100);
            }
        }
    }
}
