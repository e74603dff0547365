using Obscuro.Client;
using Obscuro.Client.Keys;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;
using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>
/// The checks issue 6 asks of a whole-network run, made on every node against public L1 data and the run's own
/// inputs: L1 holds no duplicate deposit or rollup and exactly the deposits injected; every node is near the L1 head
/// and on the same rollup head; every accepted transaction sits in exactly one canonical rollup; the bridge never paid
/// more than was withdrawn; ETH on L2 plus the reward pool equals deposits minus withdrawals; every rollup on L1 has a
/// reward class on every node.
/// </summary>
public sealed class NetworkInvariants(PobiNetwork network, RandomisedWorkload workload, IReadOnlyList<UnlockedAccount> operators, ITestOutputHelper output)
{
    private static readonly string[] RewardClasses = ["full", "minimal", "none"];

    public async Task CheckAsync()
    {
        var l1Head = await network.L1HeightAsync();
        var bridgeEvents = await new BridgeContract(network.Deployment.Bridge, network.Rpc).GetEventsAsync(BlockTag.Earliest, BlockTag.Latest);
        var published = (await new RollupManagementContract(network.Deployment.RollupManagement, network.Rpc).GetEventsAsync(BlockTag.Earliest, BlockTag.Latest))
            .OfType<RollupPublishedEvent>().ToList();

        // L1: each deposit once, ids 0..n-1, exactly the ones the run made (and no reorged one); each rollup published once.
        var deposits = bridgeEvents.OfType<DepositEvent>().ToList();
        Assert.Equal(Enumerable.Range(0, deposits.Count).Select(i => new UInt256((ulong)i)), deposits.Select(d => d.DepositId));
        Assert.Equal(
            workload.Deposits.Select(d => d.TransactionHash).Order(),
            deposits.Select(d => d.Origin.TransactionHash!.Value).Order());
        Assert.Equal(workload.Ledger.DepositedEth, Sum(deposits.Where(d => d.Token.IsZero).Select(d => d.Amount)));
        Assert.Equal(published.Count, published.Select(p => p.RollupHash).Distinct().Count());

        // Every node near the L1 head and on the same rollup head.
        var statuses = await network.StatusesAsync();
        Assert.Equal(network.Nodes.Length, statuses.Count);
        Assert.All(statuses, s => Assert.True(s.L1Head + 3 >= l1Head, $"{s.NodeId} is at L1 block {s.L1Head}, the head is {l1Head}"));
        var head = Assert.Single(statuses.Select(s => s.HeadRollup).Distinct());
        var chain = await new L1Rollups(network.Rpc, network.Deployment.RollupManagement).ChainAsync(head);
        var canonical = chain.ToDictionary(h => h.Hash);
        output.WriteLine($"L1 head {l1Head}; rollup head generation {chain[^1].Generation}; {published.Count} rollups on L1, {chain.Count} canonical; {deposits.Count} deposits");

        // Withdrawals: the canonical chain lists exactly the run's; the bridge paid each at most once and never more than listed.
        var requested = chain.SelectMany(h => h.Withdrawals.Select((w, i) => (Rollup: h.Hash, Index: (ulong)i, Withdrawal: w))).ToList();
        Assert.Equal(workload.Ledger.WithdrawnEth, Sum(requested.Select(r => r.Withdrawal.Amount)));
        var paid = bridgeEvents.OfType<WithdrawalFinalizedEvent>().ToList();
        Assert.Equal(paid.Count, paid.Select(p => (p.RollupHash, p.Index)).Distinct().Count());
        foreach (var payment in paid)
        {
            var listed = Assert.Single(requested, r => r.Rollup == payment.RollupHash && r.Index == payment.Index);
            Assert.Equal((listed.Withdrawal.Recipient, listed.Withdrawal.Token, listed.Withdrawal.Amount), (payment.Recipient, payment.Token, payment.Amount));
        }

        var paidEth = Sum(paid.Where(p => p.Token.IsZero).Select(p => p.Amount));
        Assert.True(paidEth <= workload.Ledger.WithdrawnEth);
        Assert.Equal(workload.Ledger.DepositedEth - paidEth, await new BridgeContract(network.Deployment.Bridge, network.Rpc).HeldAsync(Address.Zero));

        // Rewards go to operators only; each operator's L2 balance is exactly what the canonical chain paid it.
        var rewards = chain.SelectMany(h => h.Rewards).ToList();
        Assert.All(rewards, r => Assert.Contains(r.Recipient, operators.Select(o => o.Address)));
        var fees = workload.Fee * new UInt256((ulong)workload.Accepted.Count);
        var pool = fees - Sum(rewards.Select(r => r.Amount));

        for (var node = 0; node < network.Nodes.Length; node++)
        {
            await CheckNodeAsync(node, workload.ClientOf(node), canonical, rewards, pool, published);
        }
    }

    private async Task CheckNodeAsync(int node, ObscuroClient client, Dictionary<Hash256, RollupHeader> canonical, IReadOnlyList<Protocol.Execution.Reward> rewards, UInt256 pool, IReadOnlyList<RollupPublishedEvent> published)
    {
        // Each accepted transaction: in a canonical rollup, with the outcome it first had; in its sender's history once.
        foreach (var accepted in workload.Accepted)
        {
            var answer = (await client.GetTransactionAsync(accepted.Sender, accepted.TransactionHash)).Value;
            Assert.Equal(accepted.State, answer.State);
            Assert.True(canonical.TryGetValue(answer.RollupHash, out var header), $"node {node}: transaction {accepted.TransactionHash} is in rollup {answer.RollupHash}, which is not canonical on L1");
            Assert.Equal(header!.Generation, answer.Generation);
        }

        var supply = pool;
        foreach (var user in workload.Users.Concat(workload.Others))
        {
            var account = (await client.GetAccountAsync(user)).Value;
            var mine = workload.Accepted.Where(a => a.Sender.Address == user.Address).Select(a => a.TransactionHash).ToList();
            Assert.Equal((workload.Ledger.Eth.GetValueOrDefault(user.Address), (ulong)mine.Count), (account.Balance, account.Nonce));
            var outgoing = (await client.GetHistoryAsync(user)).Value.Where(e => e.Outgoing).Select(e => e.TransactionHash).ToList();
            Assert.Equal(mine.Order(), outgoing.Order());
            supply += account.Balance;
        }

        foreach (var operatorAccount in operators)
        {
            var balance = (await client.GetAccountAsync(operatorAccount)).Value.Balance;
            Assert.Equal(Sum(rewards.Where(r => r.Recipient == operatorAccount.Address).Select(r => r.Amount)), balance);
            supply += balance;
        }

        Assert.Equal(workload.Ledger.DepositedEth - workload.Ledger.WithdrawnEth, supply);

        // Every rollup on L1 is in its round on this node, with a reward class; the canonical ones are canonical here.
        // (The genesis rollup has no round: only the genesis node produces one, for nothing.)
        foreach (var rollup in published.Where(p => p.Generation > 0))
        {
            var round = await network.Node(node).Api.GetRoundAsync(rollup.Generation);
            var seen = round.OnL1.SingleOrDefault(r => r.RollupHash == rollup.RollupHash);
            Assert.True(seen is not null, $"node {node}: rollup {rollup.RollupHash} (generation {rollup.Generation}, L1 block {rollup.Origin.BlockNumber}) is missing from its round");
            Assert.Contains(seen.RewardClass, RewardClasses);
            if (canonical.ContainsKey(rollup.RollupHash))
            {
                Assert.True(
                    rollup.RollupHash == round.Canonical?.RollupHash,
                    $"node {node}: canonical rollup {rollup.RollupHash} of generation {rollup.Generation} (L1 block {rollup.Origin.BlockNumber}) is not its round's canonical one; the round has {string.Join(", ", round.OnL1.Select(r => $"{r.RollupHash} {r.Standing} @{r.L1Block}"))}");
            }
        }
    }

    private static UInt256 Sum(IEnumerable<UInt256> amounts) => amounts.Aggregate(UInt256.Zero, (a, b) => a + b);
}
