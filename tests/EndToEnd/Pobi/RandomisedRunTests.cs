using System.Globalization;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Grains.Tests.Host.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>
/// Issue 6's randomised whole-network run: three aggregators (three clusters) with staggered starts — the third joins
/// a running network — users acting at random through whichever node, an L1 reorg that removes deposits and published
/// rollups, one aggregator restarted from durable storage mid-run, at least 60 L1 blocks, withdrawals paid by the
/// bridge; then <see cref="NetworkInvariants"/> on every node. <c>OBSCURO_SEED</c> replays a run's random choices.
/// </summary>
public sealed class RandomisedRunTests(ITestOutputHelper output)
{
    private const int Restarted = 1;
    private const int LateJoiner = 2;
    private const int ReorgVictim = 9;
    private const ulong MinimumL1Blocks = 60;
    private static readonly int[] UserAccounts = [4, 5, 6, 7, 8];
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    private static readonly TimeSpan Catchup = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_randomised_run_with_a_late_joiner_a_reorg_and_a_restart_keeps_every_invariant_on_every_node()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OBSCURO_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        output.WriteLine($"seed {seed} (OBSCURO_SEED={seed} replays these choices)");

        // The restarted aggregator keeps its state in Redis, as in production; the others in memory.
        await using var redis = await RedisProcess.StartAsync();
        await using var network = await PobiNetwork.StartAsync(
            3,
            i => i == Restarted ? new Dictionary<string, string?> { ["Obscuro:Storage:Provider"] = "redis", ["Obscuro:Storage:Redis"] = redis.ConnectionString } : [],
            startNow: 2);
        network.IdleBlock = TimeSpan.FromSeconds(1);
        await network.WaitForGenerationAsync(1, Catchup);
        var workload = await RandomisedWorkload.CreateAsync(network, output, seed, UserAccounts);
        workload.Running.AddRange([0, 1]);
        var start = await network.L1HeightAsync();

        // Every user starts with ETH on L2; the random phases spend little of it, so every valid transaction is affordable.
        foreach (var user in workload.Users)
        {
            await workload.DepositAsync(user, Ether * new UInt256(3));
        }

        await WaitForBalancesAsync(network, workload);
        await workload.RunPhaseAsync("two aggregators", 3);

        // Staggered start: the third aggregator joins the running network, gets the seed and catches up from L1.
        await network.StartNodeAsync(LateJoiner);
        await network.WaitForGenerationAsync((await network.Node(0).Api.GetStatusAsync()).HeadGeneration, Catchup);
        await workload.WaitUntilSyncedAsync(LateJoiner);
        workload.Running.Add(LateJoiner);
        await workload.RunPhaseAsync("three aggregators", 3);

        await ReorgAsync(network, workload);
        await workload.RunPhaseAsync("after the reorg", 3);

        // One aggregator goes down mid-run; the others carry on; it comes back from its durable state and catches up.
        workload.Running.Remove(Restarted);
        workload.Disconnect(Restarted);
        await network.StopNodeAsync(Restarted);
        await workload.RunPhaseAsync("one aggregator down", 3);
        await network.StartNodeAsync(Restarted);
        await network.WaitForGenerationAsync((await network.Node(0).Api.GetStatusAsync()).HeadGeneration, Catchup);
        await workload.WaitUntilSyncedAsync(Restarted);
        workload.Running.Add(Restarted);
        await workload.RunPhaseAsync("restarted aggregator back", 3);
        await workload.DepositAsync(network.Account(ReorgVictim), Ether / new UInt256(2));

        // The bridge pays every withdrawal once its rollup is old enough (each recipient finalizes their own, found
        // through the node's verified answer for the withdrawal transaction). A sibling fork still live makes the newest
        // rollups briefly not payable; the wallet says so and is asked again.
        var paid = await Task.WhenAll(workload.Users.Select(async user =>
        {
            var client = workload.ClientOf(0);
            var count = 0;
            foreach (var withdrawal in workload.Withdrawals.Where(w => w.Sender == user))
            {
                var pending = Assert.Single(await client.FindWithdrawalsAsync(user, user.Address, withdrawal.TransactionHash));
                await Poll.UntilAsync(() => client.FinalizeAsync(user, pending), _ => true, $"withdrawal {withdrawal.TransactionHash} paid", Catchup);
                count++;
            }

            return count;
        }));
        output.WriteLine($"withdrawals finalized on L1: {paid.Sum()}");

        await PobiNetwork.PollAsync(async () => await network.L1HeightAsync() >= start + MinimumL1Blocks ? "" : null, Catchup, $"{MinimumL1Blocks} L1 blocks");
        await WaitForBalancesAsync(network, workload);

        // L1 holds still while every node settles on the same head.
        await network.PauseAsync();
        await network.SettleAsync(Catchup);
        output.WriteLine($"run: L1 blocks {start} -> {await network.L1HeightAsync()}; {workload.Summary()}");

        var operators = Enumerable.Range(1, 3).Select(network.Account).ToList();
        await new NetworkInvariants(network, workload, operators, output).CheckAsync();
    }

    /// <summary>
    /// A deposit (to an account that does nothing else), then a round of activity, then anvil_reorg from the deposit's
    /// block: the deposit and every rollup published since are gone from L1. The nodes roll back to the common ancestor
    /// and replay; the removed rollups' transactions are included again, once; the removed deposits never count.
    /// </summary>
    private async Task ReorgAsync(PobiNetwork network, RandomisedWorkload workload)
    {
        var victim = network.Account(ReorgVictim);
        var deposit = await workload.DepositAsync(victim, Ether);
        await workload.RunPhaseAsync("before the reorg", 1);
        foreach (var node in workload.Running)
        {
            await Poll.UntilAsync(() => workload.ClientOf(node).GetAccountAsync(victim), a => a.Value.Balance == Ether, $"node {node} credits the deposit the reorg will remove");
        }

        await network.PauseAsync();
        var head = await network.L1HeightAsync();
        var rollups = new RollupManagementContract(network.Deployment.RollupManagement, network.Rpc);
        var removed = (await rollups.GetEventsAsync(BlockTag.At(deposit.BlockNumber), BlockTag.Latest)).OfType<RollupPublishedEvent>().Select(e => e.RollupHash).ToList();
        Assert.NotEmpty(removed);
        await network.ReorgAsync(head - deposit.BlockNumber + 1);
        foreach (var rollup in removed)
        {
            Assert.False(await rollups.IsPublishedAsync(rollup), $"rollup {rollup} is still published after the reorg");
        }

        foreach (var lost in workload.Deposits.Where(d => d.BlockNumber >= deposit.BlockNumber).ToList())
        {
            Assert.Null(await network.Rpc.GetTransactionReceiptAsync(lost.TransactionHash));
            workload.Forget(lost);
        }

        output.WriteLine($"reorg: L1 blocks {deposit.BlockNumber}..{head} replaced; {removed.Count} published rollups removed");
        network.Resume();

        // Every node rolls back: the victim's deposit is gone, and every user's removed transactions are back in.
        foreach (var node in workload.Running)
        {
            await Poll.UntilAsync(() => workload.ClientOf(node).GetAccountAsync(victim), a => a.Value.Balance == UInt256.Zero, $"node {node} rolls back the removed deposit");
            await workload.WaitUntilSyncedAsync(node);
        }
    }

    /// <summary>Waits until every running node shows every account at the balance the run expects (deposits credited).</summary>
    private static async Task WaitForBalancesAsync(PobiNetwork network, RandomisedWorkload workload)
    {
        foreach (var node in workload.Running)
        {
            foreach (var account in workload.Users.Concat(workload.Others))
            {
                var expected = workload.Ledger.Eth.GetValueOrDefault(account.Address);
                await Poll.UntilAsync(() => workload.ClientOf(node).GetAccountAsync(account), a => a.Value.Balance == expected, $"node {node} shows {account.Address} at {expected}");
            }
        }
    }
}
