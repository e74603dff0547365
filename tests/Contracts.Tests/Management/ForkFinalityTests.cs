using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// Withdrawal finality while the rollup tree forks (FORMATS.md, "Withdrawal finality"): a losing side is never paid,
/// and while two heads are live only history that was final before the fork began stays payable.
/// </summary>
[Collection(SharedManagementChain.Name)]
public sealed class ForkFinalityTests(ManagementFixture fixture)
{
    private static readonly UInt256 Ether = ManagementFixture.Ether;
    private static readonly ulong H = ManagementFixture.Parameters.HeadTimeout;
    private static readonly ulong N = ManagementFixture.Parameters.WithdrawalDelay;

    private static Address Recipient(string name) => new(Keccak256.HashToArray(System.Text.Encoding.UTF8.GetBytes("recipient " + name)).AsSpan(12));

    [Fact]
    public async Task A_withdrawal_on_a_dead_fork_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        await s.As(fixture.Depositor).Bridge.DepositEthAsync(Recipient("l2"), Ether * new UInt256(4));
        var (honest, loser) = (Recipient("honest"), Recipient("loser"));
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");

        // Two children of the genesis (a lottery race); only A's side gets children, so B's head dies after H blocks.
        Withdrawal[] winning = [new(honest, Address.Zero, Ether)];
        Withdrawal[] losing = [new(loser, Address.Zero, Ether)];
        var a1 = await s.Rollups.ChildAsync(genesis.Hash, fixture.EnclaveA, "a1", winning);
        var b1 = await s.Rollups.ChildAsync(genesis.Hash, fixture.EnclaveB, "b1", losing);
        Assert.Equal(2, (await s.Reader.RollupManagement.LiveHeadsAsync()).Count);
        var tip = a1;
        while (await s.BlockNumberAsync() <= b1.PublishedAt + H + N)
        {
            await s.Rpc.MineAsync(H - 2); // the next child comes before its parent's head times out
            tip = await s.Rollups.ChildAsync(tip.Hash, fixture.EnclaveA, $"a after {tip.Event.Generation}");
        }

        Assert.False(await s.Reader.RollupManagement.IsLiveHeadAsync(b1.Hash));
        Assert.Equal([tip.Hash], await s.Reader.RollupManagement.LiveHeadsAsync());
        Assert.Equal(WithdrawalState.NotCanonical, (await s.Reader.RollupManagement.WithdrawalStatusAsync(b1.Hash, BlockTag.Pending)).State);
        await s.AssertRejectedAsync(
            fixture.Relayer,
            c => c.Bridge.FinalizeWithdrawalAsync(b1.Hash, 0, losing),
            BridgeErrors.RollupNotCanonical,
            [b1.Hash],
            new ChainStateProbe(s).WithRollups(b1.Hash, a1.Hash).WithWithdrawals(b1.Hash, 1).WithAccounts(loser));

        // The winning side pays.
        await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(a1.Hash, 0, winning);
        Assert.Equal(Ether, await s.Rpc.GetBalanceAsync(honest, BlockTag.Latest));
        Assert.Equal(UInt256.Zero, await s.Rpc.GetBalanceAsync(loser, BlockTag.Latest));
    }

    [Fact]
    public async Task Withdrawals_wait_while_two_forks_are_alive()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        await s.As(fixture.Depositor).Bridge.DepositEthAsync(Recipient("l2"), Ether * new UInt256(4));
        var (early, late, left, right) = (Recipient("early"), Recipient("late"), Recipient("left"), Recipient("right"));

        // "early" is final before the fork begins; "late" is published 2 blocks before it.
        Withdrawal[] earlyList = [new(early, Address.Zero, Ether)];
        Withdrawal[] lateList = [new(late, Address.Zero, Ether)];
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis", earlyList);
        await s.Rpc.MineAsync(N);
        var parent = await s.Rollups.ChildAsync(genesis.Hash, fixture.EnclaveA, "parent", lateList);
        await s.Rpc.MineAsync(1);

        Withdrawal[] leftList = [new(left, Address.Zero, Ether)];
        Withdrawal[] rightList = [new(right, Address.Zero, Ether)];
        var a = await s.Rollups.ChildAsync(parent.Hash, fixture.EnclaveA, "left", leftList);
        var b = await s.Rollups.ChildAsync(parent.Hash, fixture.EnclaveB, "right", rightList);
        var forkSince = b.PublishedAt;
        Assert.Equal(new ForkState(2, forkSince, false), await rm.ForkStateAsync());
        var probe = new ChainStateProbe(s).WithRollups(genesis.Hash, parent.Hash, a.Hash, b.Hash).WithWithdrawals(genesis.Hash, 1).WithWithdrawals(parent.Hash, 1).WithWithdrawals(a.Hash, 1).WithWithdrawals(b.Hash, 1).WithAccounts(early, late, left, right);

        // Either side of a live fork is not canonical.
        foreach (var (side, list) in new[] { (a, leftList), (b, rightList) })
        {
            await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(side.Hash, 0, list), BridgeErrors.RollupNotCanonical, [side.Hash], probe);
        }

        // History from before the fork that was not final yet waits for as long as the fork lives: the answer moves
        // forward with every block ("payable if the fork ended now").
        var next = await s.BlockNumberAsync() + 1;
        var status = await rm.WithdrawalStatusAsync(parent.Hash, BlockTag.Pending);
        Assert.Equal(new WithdrawalStatus(WithdrawalState.Waiting, parent.PublishedAt + N + (next - forkSince), 0), status);
        await s.AssertRejectedAsync(
            fixture.Relayer,
            c => c.Bridge.FinalizeWithdrawalAsync(parent.Hash, 0, lateList),
            BridgeErrors.WithdrawalNotYetPayable,
            [parent.PublishedAt + N + (next - forkSince)],
            probe,
            compareInBlockArguments: false);
        Assert.Equal(status.PayableAtBlock + 1, (await rm.WithdrawalStatusAsync(parent.Hash, BlockTag.Pending)).PayableAtBlock);

        // History that was final N blocks before the fork began still pays during it.
        Assert.Equal(WithdrawalState.Payable, (await rm.WithdrawalStatusAsync(genesis.Hash, BlockTag.Pending)).State);
        await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, earlyList);
        Assert.Equal(Ether, await s.Rpc.GetBalanceAsync(early, BlockTag.Latest));

        // The right side stops; once its head is dead the fork is over and the left side waits only its N blocks.
        var tip = await s.Rollups.ChildAsync(a.Hash, fixture.EnclaveA, "left 2");
        await s.MineUntilNextBlockIsAsync(b.PublishedAt + H + 1);
        Assert.Equal(new ForkState(1, 0, false), await rm.ForkStateAsync(BlockTag.Pending));
        Assert.Equal(new WithdrawalStatus(WithdrawalState.Waiting, a.PublishedAt + N, 0), await rm.WithdrawalStatusAsync(a.Hash, BlockTag.Pending));
        await s.MineUntilNextBlockIsAsync(a.PublishedAt + N);
        await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(parent.Hash, 0, lateList);
        await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(a.Hash, 0, leftList);
        Assert.Equal((Ether, Ether), (await s.Rpc.GetBalanceAsync(late, BlockTag.Latest), await s.Rpc.GetBalanceAsync(left, BlockTag.Latest)));
        Assert.Equal(WithdrawalState.NotCanonical, (await rm.WithdrawalStatusAsync(b.Hash, BlockTag.Pending)).State);
        Assert.True(await rm.IsAncestorOrSelfAsync(a.Hash, tip.Hash));
    }
}
