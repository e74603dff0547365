using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// The withdrawal lock is judged pair by pair (FORMATS.md, "Withdrawal finality"): two counting heads coexist from the
/// later start of their live stretches until one of them dies, and only a coexistence longer than M blocks locks.
/// Short forks that follow and overlap each other (lottery races, a fallback publisher, a front-runner) never lock,
/// however long the network goes without a moment with a single live head; a revival and a fork resolution restart
/// the clock. (A single competing chain kept alive for more than M blocks still locks: see
/// <see cref="WriteLevelAttackTests"/>.)
/// </summary>
[Collection(SharedManagementChain.Name)]
public sealed class ForkLockTests(ManagementFixture fixture)
{
    private static readonly UInt256 Ether = ManagementFixture.Ether;
    private static readonly ulong H = ManagementFixture.Parameters.HeadTimeout;
    private static readonly ulong N = ManagementFixture.Parameters.WithdrawalDelay;
    private static readonly ulong M = ManagementFixture.Parameters.ForkLockPeriod;

    private static Address Recipient(string name) => new(Keccak256.HashToArray(System.Text.Encoding.UTF8.GetBytes("recipient " + name)).AsSpan(12));

    [Fact]
    public async Task Short_forks_that_overlap_each_other_never_lock_and_final_withdrawals_stay_payable()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var (a, b) = (fixture.EnclaveA, fixture.EnclaveB);
        await s.As(fixture.Depositor).Bridge.DepositEthAsync(Recipient("l2"), Ether * new UInt256(4));
        var (early, mid) = (Recipient("early"), Recipient("mid"));
        Withdrawal[] earlyList = [new(early, Address.Zero, Ether)];
        Withdrawal[] midList = [new(mid, Address.Zero, Ether)];

        // The genesis is final before the first sibling appears.
        var genesis = await s.Rollups.GenesisAsync(a, "genesis", earlyList);
        await s.Rpc.MineAsync(N);

        // Every round (three blocks) A extends its chain and B publishes a sibling of A's new rollup (a child of the same
        // parent) that never gets a child: a lottery race every round. Each sibling dies H + 1 blocks after it appeared,
        // but the next one appears before that, so two or more heads are live without a break for far longer than M.
        var tip = genesis;
        var siblings = new List<PublishedRollup>();
        PublishedRollup? midRollup = null;
        ulong? midPaidAt = null;
        ulong firstCheck = 0, lastCheck = 0;
        for (var round = 1; round <= 20; round++)
        {
            var parent = tip;
            tip = await s.Rollups.ChildAsync(parent.Hash, a, $"a {round}", round == 4 ? midList : null);
            midRollup = round == 4 ? tip : midRollup;
            var sibling = await s.Rollups.ChildAsync(parent.Hash, b, $"b {round}");
            siblings.Add(sibling);
            Assert.Contains(rm.DecodeEvents(sibling.Transaction.Receipt), e => e is ForkStartedEvent f && f.AtBlock == sibling.PublishedAt);
            await s.Rpc.MineAsync();

            // forkSince is the start of the oldest live sibling: the main chain has been live all along.
            var next = await s.BlockNumberAsync() + 1;
            var live = siblings.Where(x => x.PublishedAt + H >= next).ToArray();
            Assert.NotEmpty(live);
            var forkSince = live.Min(x => x.PublishedAt);
            Assert.Equal(new ForkState((ulong)live.Length + 1, forkSince, false), await rm.ForkStateAsync(BlockTag.Pending));
            firstCheck = firstCheck == 0 ? next : firstCheck;
            lastCheck = next;

            // The genesis was final before each sibling began: it stays payable all along.
            Assert.Equal(
                new WithdrawalStatus(WithdrawalState.Payable, genesis.PublishedAt + N + (next - forkSince), 0),
                await rm.WithdrawalStatusAsync(genesis.Hash, BlockTag.Pending));

            // A withdrawal published during the forks waits at most one sibling's lifetime (H + 1 blocks) beyond N.
            if (midRollup is not null && midPaidAt is null && next >= midRollup.PublishedAt + N + H + 1)
            {
                Assert.Equal(WithdrawalState.Payable, (await rm.WithdrawalStatusAsync(midRollup.Hash, BlockTag.Pending)).State);
                var paid = await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(midRollup.Hash, 0, midList);
                midPaidAt = paid.Receipt.BlockNumber;
            }
        }

        // More than 3M blocks with two or more live heads at every check, and never a lock.
        Assert.True(lastCheck - firstCheck > 3 * M, $"checked from {firstCheck} to {lastCheck}");
        var events = await rm.GetEventsAsync(BlockTag.At(genesis.PublishedAt), BlockTag.Latest);
        Assert.DoesNotContain(events, e => e is WithdrawalsLockedEvent);
        Assert.Equal(siblings.Count, events.OfType<ForkStartedEvent>().Count());
        Assert.NotNull(midPaidAt);
        await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, earlyList);
        Assert.Equal((Ether, Ether), (await s.Rpc.GetBalanceAsync(early, BlockTag.Latest), await s.Rpc.GetBalanceAsync(mid, BlockTag.Latest)));
        Assert.Equal(WithdrawalState.NotCanonical, (await rm.WithdrawalStatusAsync(siblings[^1].Hash, BlockTag.Pending)).State);
    }

    [Fact]
    public async Task A_front_runner_publishing_a_losing_sibling_every_round_does_not_lock_the_bridge()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var (honestKey, frontRunner) = (fixture.EnclaveA, fixture.EnclaveB);
        await s.As(fixture.Depositor).Bridge.DepositEthAsync(Recipient("l2"), Ether * new UInt256(10));
        var (honest, thief) = (Recipient("honest"), Recipient("thief"));
        Withdrawal[] honestList = [new(honest, Address.Zero, Ether)];
        Withdrawal[] thiefList = [new(thief, Address.Zero, Ether)];
        var genesis = await s.Rollups.GenesisAsync(honestKey, "genesis");

        // Every round the front-runner (a registered aggregator, from its own L1 account) publishes its losing candidate
        // on top of the current tip first, so it is the first child and continues that branch; the winner's rollup comes
        // one block later as a new branch, and the network builds on the winner. Every round opens a fork, and the
        // previous one is still live when the next opens.
        var tip = genesis;
        var losers = new List<PublishedRollup>();
        PublishedRollup? paying = null;
        ulong? paidAt = null;
        ulong firstCheck = 0, lastCheck = 0;
        for (var round = 1; round <= 20; round++)
        {
            var loser = await s.Rollups.PublishAsync(await s.Rollups.ChildDraftAsync(tip.Hash, frontRunner, $"front-run {round}", thiefList), frontRunner, fixture.Attacker);
            losers.Add(loser);
            tip = await s.Rollups.ChildAsync(tip.Hash, honestKey, $"winner {round}", round == 3 ? honestList : null);
            paying = round == 3 ? tip : paying;
            Assert.Contains(rm.DecodeEvents(tip.Transaction.Receipt), e => e is ForkStartedEvent);
            await s.Rpc.MineAsync();

            var next = await s.BlockNumberAsync() + 1;
            var state = await rm.ForkStateAsync(BlockTag.Pending);
            Assert.False(state.Locked, $"locked in round {round}: {state}");
            Assert.True(state.LiveHeadCount >= 2, $"round {round}: {state}");
            firstCheck = firstCheck == 0 ? next : firstCheck;
            lastCheck = next;

            // The winner's withdrawal waits for its losing sibling to die and then at most one sibling's lifetime.
            if (paying is not null && paidAt is null && next >= paying.PublishedAt + N + H + 1)
            {
                Assert.Equal(WithdrawalState.Payable, (await rm.WithdrawalStatusAsync(paying.Hash, BlockTag.Pending)).State);
                paidAt = (await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(paying.Hash, 0, honestList)).Receipt.BlockNumber;
            }
        }

        Assert.True(lastCheck - firstCheck > 3 * M, $"checked from {firstCheck} to {lastCheck}");
        Assert.DoesNotContain(await rm.GetEventsAsync(BlockTag.At(genesis.PublishedAt), BlockTag.Latest), e => e is WithdrawalsLockedEvent);
        Assert.NotNull(paidAt);
        Assert.Equal(Ether, await s.Rpc.GetBalanceAsync(honest, BlockTag.Latest));

        // The front-runner stops; its candidates never pay, however long one waits.
        for (var i = 0; i < 4; i++)
        {
            await s.Rpc.MineAsync(H - 1);
            tip = await s.Rollups.ChildAsync(tip.Hash, honestKey, $"alone {i}");
        }

        Assert.Equal(new ForkState(1, 0, false), await rm.ForkStateAsync(BlockTag.Pending));
        var probe = new ChainStateProbe(s).WithRollups(losers[2].Hash).WithWithdrawals(losers[2].Hash, 1).WithAccounts(thief);
        await s.AssertRejectedAsync(fixture.Attacker, c => c.Bridge.FinalizeWithdrawalAsync(losers[2].Hash, 0, thiefList), BridgeErrors.RollupNotCanonical, [losers[2].Hash], probe);
        Assert.Equal(UInt256.Zero, await s.Rpc.GetBalanceAsync(thief, BlockTag.Latest));
    }

    [Fact]
    public async Task A_dead_head_that_gets_a_child_starts_a_new_stretch()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var (a, b) = (fixture.EnclaveA, fixture.EnclaveB);
        var genesis = await s.Rollups.GenesisAsync(a, "genesis");
        var aTip = await s.Rollups.ChildAsync(genesis.Hash, a, "a 1");
        var bTip = await s.Rollups.ChildAsync(genesis.Hash, b, "b 1");
        var f = bTip.PublishedAt;

        // Both live for exactly M blocks: B's last child is at f + M - H - 1, so B is live up to f + M - 1 and dead in
        // block f + M, where it is still tracked (nobody published since it died). A stays live.
        foreach (var (target, isA) in new (ulong, bool)[] { (f + 2, true), (f + 4, false), (f + 6, true), (f + M - H - 1, false), (f + M - H, true), (f + M - 1, true) })
        {
            (aTip, bTip) = await PublishAtAsync(s, target, isA, aTip, bTip, $"{(isA ? "a" : "b")} at {target - f}");
        }

        await s.MineUntilNextBlockIsAsync(f + M);
        Assert.Equal(new ForkState(1, 0, false), await rm.ForkStateAsync(BlockTag.Pending));
        Assert.Contains(await rm.TrackedHeadsAsync(BlockTag.Pending), h => h.RollupHash == bTip.Hash && !h.Live);

        // B gets a child in block f + M: its coexistence with A lasted exactly M blocks (no lock), and its new stretch
        // begins now. If the clock did not restart, the pair would have coexisted more than M blocks from the next block.
        var revived = await s.Rollups.ChildAsync(bTip.Hash, b, "b revived");
        var r = revived.PublishedAt;
        Assert.Equal(f + M, r);
        var events = rm.DecodeEvents(revived.Transaction.Receipt);
        Assert.Contains(events, e => e is ForkStartedEvent { LiveHeads: 2 } started && started.AtBlock == r);
        Assert.DoesNotContain(events, e => e is WithdrawalsLockedEvent);
        Assert.Equal(new ForkState(2, r, false), await rm.ForkStateAsync(BlockTag.Pending));

        // Both stay live: M blocks after the revival still no lock, one block more and the pair has coexisted M + 1.
        bTip = revived;
        (aTip, bTip) = await KeepBothAliveUntilAsync(s, aTip, bTip, r + M, "second stretch");
        Assert.Equal(new ForkState(2, r, false), await rm.ForkStateAsync(BlockTag.Pending));
        await s.Rpc.MineAsync();
        Assert.Equal(new ForkState(2, r, true), await rm.ForkStateAsync(BlockTag.Pending));
        var latching = await s.Rollups.ChildAsync(aTip.Hash, a, "a latches");
        var locked = Assert.Single(rm.DecodeEvents(latching.Transaction.Receipt).OfType<WithdrawalsLockedEvent>());
        Assert.Equal((r, latching.PublishedAt), (locked.ForkSince, locked.AtBlock));
        Assert.Equal(new WithdrawalStatus(WithdrawalState.Locked, 0, r), await rm.WithdrawalStatusAsync(genesis.Hash, BlockTag.Pending));
    }

    [Fact]
    public async Task A_pruned_head_that_gets_a_child_starts_a_new_stretch()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var (a, b) = (fixture.EnclaveA, fixture.EnclaveB);
        var genesis = await s.Rollups.GenesisAsync(a, "genesis");
        var aTip = await s.Rollups.ChildAsync(genesis.Hash, a, "a 1");
        var bTip = await s.Rollups.ChildAsync(genesis.Hash, b, "b 1");
        var f = bTip.PublishedAt;

        // B lives for M - H blocks, then dies and is pruned by A's next rollup.
        (aTip, bTip) = await KeepBothAliveUntilAsync(s, aTip, bTip, f + M - H, "first stretch");
        aTip = await s.Rollups.ChildAsync(aTip.Hash, a, "a alone");
        await s.MineUntilNextBlockIsAsync(bTip.PublishedAt + H + 1);
        aTip = await s.Rollups.ChildAsync(aTip.Hash, a, "a prunes");
        Assert.DoesNotContain(await rm.TrackedHeadsAsync(), h => h.RollupHash == bTip.Hash);
        Assert.Equal(new ForkState(1, 0, false), await rm.ForkStateAsync(BlockTag.Pending));

        // B's head gets a child: tracked again, a fork started, and its clock starts now.
        var revived = await s.Rollups.ChildAsync(bTip.Hash, b, "b revived");
        var r = revived.PublishedAt;
        Assert.Contains(rm.DecodeEvents(revived.Transaction.Receipt), e => e is ForkStartedEvent { LiveHeads: 2 } started && started.AtBlock == r);
        Assert.Equal(new ForkState(2, r, false), await rm.ForkStateAsync(BlockTag.Pending));

        // Counting both stretches the pair has coexisted more than M blocks long before r + M; only the current one counts.
        (aTip, bTip) = await KeepBothAliveUntilAsync(s, aTip, revived, r + M, "second stretch");
        Assert.True(r + M - f > M + H);
        Assert.Equal(new ForkState(2, r, false), await rm.ForkStateAsync(BlockTag.Pending));
        await s.Rpc.MineAsync();
        Assert.Equal(new ForkState(2, r, true), await rm.ForkStateAsync(BlockTag.Pending));
    }

    [Fact]
    public async Task Resolving_a_fork_restarts_the_clock_of_the_heads_that_still_count()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var (a, b) = (fixture.EnclaveA, fixture.EnclaveB);
        await s.As(fixture.Depositor).Bridge.DepositEthAsync(Recipient("l2"), Ether * new UInt256(4));
        var early = Recipient("early");
        Withdrawal[] earlyList = [new(early, Address.Zero, Ether)];
        var genesis = await s.Rollups.GenesisAsync(a, "genesis", earlyList);
        await s.Rpc.MineAsync(N);
        var aTip = await s.Rollups.ChildAsync(genesis.Hash, a, "a 1");
        var bTip = await s.Rollups.ChildAsync(genesis.Hash, b, "b 1");
        var f = bTip.PublishedAt;

        // The two sides coexist more than M blocks: locked, and latched by the next publication.
        (aTip, bTip) = await KeepBothAliveUntilAsync(s, aTip, bTip, f + M + 1, "before");
        Assert.Equal(new ForkState(2, f, true), await rm.ForkStateAsync(BlockTag.Pending));
        aTip = await s.Rollups.ChildAsync(aTip.Hash, a, "a latches");
        Assert.Equal(f, Assert.Single(rm.DecodeEvents(aTip.Transaction.Receipt).OfType<WithdrawalsLockedEvent>()).ForkSince);
        bTip = await s.Rollups.ChildAsync(bTip.Hash, b, "b while locked");

        // Governance names the fork point: both sides still count, the lock is cleared and the clock restarts now.
        var resolved = await s.As(fixture.Governance).RollupManagement.ResolveForkAsync(genesis.Hash);
        var r = resolved.Receipt.BlockNumber;
        Assert.Equal(2UL, rm.DecodeForkResolved(Assert.Single(resolved.Receipt.Logs)).LiveHeads);
        Assert.Equal(new ForkState(2, r, false), await rm.ForkStateAsync(BlockTag.Pending));
        Assert.DoesNotContain(await rm.TrackedHeadsAsync(), h => h.Excluded);

        // forkAge restarts with it: the genesis (final long before r) pays, either side waits.
        Assert.Equal(new WithdrawalStatus(WithdrawalState.Payable, genesis.PublishedAt + N + 1, 0), await rm.WithdrawalStatusAsync(genesis.Hash, BlockTag.Pending));
        Assert.Equal(WithdrawalState.NotCanonical, (await rm.WithdrawalStatusAsync(aTip.Hash, BlockTag.Pending)).State);
        await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, earlyList);
        Assert.Equal(Ether, await s.Rpc.GetBalanceAsync(early, BlockTag.Latest));

        // The two may coexist M more blocks from r, not from f.
        (aTip, bTip) = await KeepBothAliveUntilAsync(s, aTip, bTip, r + M, "after");
        Assert.Equal(new ForkState(2, r, false), await rm.ForkStateAsync(BlockTag.Pending));
        await s.Rpc.MineAsync();
        Assert.Equal(new ForkState(2, r, true), await rm.ForkStateAsync(BlockTag.Pending));
        aTip = await s.Rollups.ChildAsync(aTip.Hash, a, "a latches again");
        Assert.Equal(r, Assert.Single(rm.DecodeEvents(aTip.Transaction.Receipt).OfType<WithdrawalsLockedEvent>()).ForkSince);
    }

    [Fact]
    public async Task A_head_that_a_longer_head_timeout_brings_back_to_life_starts_a_new_stretch()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var (a, b) = (fixture.EnclaveA, fixture.EnclaveB);
        var genesis = await s.Rollups.GenesisAsync(a, "genesis");
        var aTip = await s.Rollups.ChildAsync(genesis.Hash, a, "a 1");
        var bTip = await s.Rollups.ChildAsync(genesis.Hash, b, "b 1");
        var f = bTip.PublishedAt;
        aTip = await s.Rollups.ChildAsync(aTip.Hash, a, "a 2");

        // B dies at f + H + 1 and is still tracked (nobody published since).
        await s.MineUntilNextBlockIsAsync(f + H + 1);
        Assert.Equal(new ForkState(1, 0, false), await rm.ForkStateAsync(BlockTag.Pending));

        // A longer head timeout makes B live again: its new stretch begins with the change, not at f.
        var changed = await s.As(fixture.Governance).RollupManagement.SetHeadTimeoutAsync(2 * H);
        var y = changed.Receipt.BlockNumber;
        Assert.Equal([aTip.Hash, bTip.Hash], (await rm.LiveHeadsAsync(BlockTag.Pending)).OrderBy(h => h == bTip.Hash));
        Assert.Equal(new ForkState(2, y, false), await rm.ForkStateAsync(BlockTag.Pending));
    }

    /// <summary>Publishes the next rollup of A's or B's head in block <paramref name="target"/>.</summary>
    private async Task<(PublishedRollup A, PublishedRollup B)> PublishAtAsync(ManagementScenario s, ulong target, bool onA, PublishedRollup aTip, PublishedRollup bTip, string label)
    {
        await s.MineUntilNextBlockIsAsync(target);
        var published = onA
            ? await s.Rollups.ChildAsync(aTip.Hash, fixture.EnclaveA, label)
            : await s.Rollups.ChildAsync(bTip.Hash, fixture.EnclaveB, label);
        Assert.Equal(target, published.PublishedAt);
        return onA ? (published, bTip) : (aTip, published);
    }

    /// <summary>
    /// Extends A's and B's heads (the one that dies first, H - 2 blocks after its last rollup) until both are live in
    /// blocks <paramref name="target"/> and <paramref name="target"/> + 1, and mines so that the next block is
    /// <paramref name="target"/>.
    /// </summary>
    private async Task<(PublishedRollup A, PublishedRollup B)> KeepBothAliveUntilAsync(ManagementScenario s, PublishedRollup aTip, PublishedRollup bTip, ulong target, string label)
    {
        for (var i = 0; aTip.PublishedAt + H <= target || bTip.PublishedAt + H <= target; i++)
        {
            var onA = aTip.PublishedAt <= bTip.PublishedAt;
            var tip = onA ? aTip : bTip;
            var at = Math.Max(await s.BlockNumberAsync() + 1, tip.PublishedAt + H - 2);
            Assert.True(at <= tip.PublishedAt + H, $"{label}: the head of {(onA ? "A" : "B")} died before it could be extended");
            (aTip, bTip) = await PublishAtAsync(s, at, onA, aTip, bTip, $"{label} {(onA ? "a" : "b")} {i}");
        }

        var next = await s.BlockNumberAsync() + 1;
        Assert.True(next <= target, $"{label}: block {target} is already past");
        if (next < target)
        {
            await s.MineUntilNextBlockIsAsync(target);
        }

        return (aTip, bTip);
    }
}
