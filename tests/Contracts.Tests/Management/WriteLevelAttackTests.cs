using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// The write-level attack of the spec: a stolen but registered aggregator key (B's) publishes a competing chain that
/// pays its owner. Its withdrawals never pay; while it is alive the honest chain's newer withdrawals are held; after
/// M blocks everything locks until governance names the valid head; then honest withdrawals pay and the attacker's
/// stay unpaid, whatever the attacker publishes next.
/// </summary>
[Collection(SharedManagementChain.Name)]
public sealed class WriteLevelAttackTests(ManagementFixture fixture)
{
    private static readonly UInt256 Ether = ManagementFixture.Ether;
    private static readonly ulong H = ManagementFixture.Parameters.HeadTimeout;
    private static readonly ulong N = ManagementFixture.Parameters.WithdrawalDelay;
    private static readonly ulong M = ManagementFixture.Parameters.ForkLockPeriod;

    private static Address Recipient(string name) => new(Keccak256.HashToArray(System.Text.Encoding.UTF8.GetBytes("recipient " + name)).AsSpan(12));

    [Fact]
    public async Task A_competing_chain_signed_by_a_stolen_key_holds_withdrawals_until_governance_resolves_it()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var relayer = s.As(fixture.Relayer);
        var (a, stolen) = (fixture.EnclaveA, fixture.EnclaveB);
        await s.As(fixture.Depositor).Bridge.DepositEthAsync(Recipient("l2"), Ether * new UInt256(10));
        var (honest0, honest1, thief) = (Recipient("honest 0"), Recipient("honest 1"), Recipient("thief"));

        // The honest history: the genesis is final before the attack starts.
        Withdrawal[] genesisList = [new(honest0, Address.Zero, Ether), new(honest0, Address.Zero, Ether)];
        var genesis = await s.Rollups.GenesisAsync(a, "genesis", genesisList);
        await s.Rpc.MineAsync(N);
        Withdrawal[] honestList = [new(honest1, Address.Zero, Ether)];
        var honest = await s.Rollups.ChildAsync(genesis.Hash, a, "honest 1", honestList);

        // The attacker forks from the genesis with the stolen key, paying itself, from its own L1 account.
        Withdrawal[] stolenList = [new(thief, Address.Zero, Ether * new UInt256(5))];
        var attack = await s.Rollups.PublishAsync(await s.Rollups.ChildDraftAsync(genesis.Hash, stolen, "attack 1", stolenList), stolen, fixture.Attacker);
        var forkSince = attack.PublishedAt;
        Assert.Contains(rm.DecodeEvents(attack.Transaction.Receipt), e => e is ForkStartedEvent { LiveHeads: 2 } f && f.AtBlock == forkSince);
        var probe = new ChainStateProbe(s).WithRollups(genesis.Hash, honest.Hash, attack.Hash)
            .WithWithdrawals(genesis.Hash, 2).WithWithdrawals(honest.Hash, 1).WithWithdrawals(attack.Hash, 1).WithAccounts(honest0, honest1, thief);

        // While both chains live (each gets a child within H blocks): neither side is paid; the history that was
        // final before the fork still is.
        await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(attack.Hash, 0, stolenList), BridgeErrors.RollupNotCanonical, [attack.Hash], probe);
        await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(honest.Hash, 0, honestList), BridgeErrors.RollupNotCanonical, [honest.Hash], probe);
        await relayer.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, genesisList);

        // Both keep publishing, every three blocks, until the fork is older than M blocks (one block more than needed,
        // because the sender replays an in-block revert on the block before, which must also see the lock).
        var (honestTip, attackTip) = (honest, attack);
        for (var round = 2; await s.BlockNumberAsync() <= forkSince + M; round++)
        {
            honestTip = await s.Rollups.ChildAsync(honestTip.Hash, a, $"honest {round}");
            attackTip = await s.Rollups.PublishAsync(await s.Rollups.ChildDraftAsync(attackTip.Hash, stolen, $"attack {round}"), stolen, fixture.Attacker);
            await s.Rpc.MineAsync();
        }

        Assert.Equal(forkSince, (await rm.ForkStateAsync(BlockTag.Pending)).ForkSince);
        // Two forced rejections and the next honest rollup follow; the honest head must still be live for that rollup.
        Assert.True(honestTip.PublishedAt + H >= await s.BlockNumberAsync() + 3, "the honest head must outlive the next steps");

        // The fork outlived M: everything is locked, even the genesis's second entry that was payable before.
        Assert.Equal(new WithdrawalStatus(WithdrawalState.Locked, 0, forkSince), await rm.WithdrawalStatusAsync(genesis.Hash, BlockTag.Pending));
        Assert.Equal(new ForkState(2, forkSince, true), await rm.ForkStateAsync(BlockTag.Pending));
        await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 1, genesisList), BridgeErrors.WithdrawalsLocked, [forkSince], probe);
        await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(honest.Hash, 0, honestList), BridgeErrors.WithdrawalsLocked, [forkSince], probe);

        // The first publication after M blocks latched the lock (once); it stays after the attacker stops and dies.
        honestTip = await s.Rollups.ChildAsync(honestTip.Hash, a, "honest latched");
        var latched = Assert.Single((await rm.GetEventsAsync(BlockTag.At(forkSince), BlockTag.Latest)).OfType<WithdrawalsLockedEvent>());
        Assert.Equal(forkSince, latched.ForkSince);
        Assert.True(latched.AtBlock > forkSince + M);
        Assert.Equal(latched.AtBlock, latched.Origin.BlockNumber);
        await s.Rpc.MineAsync(H - 1);
        honestTip = await s.Rollups.ChildAsync(honestTip.Hash, a, "honest alone");
        Assert.False(await rm.IsLiveHeadAsync(attackTip.Hash, BlockTag.Pending));
        Assert.Equal(WithdrawalState.Locked, (await rm.WithdrawalStatusAsync(honest.Hash, BlockTag.Pending)).State);

        // Governance names the honest head: the attacker's branch is excluded and the lock is cleared.
        var resolved = await s.As(fixture.Governance).RollupManagement.ResolveForkAsync(honestTip.Hash);
        Assert.Equal(new ForkResolvedEvent(honestTip.Hash, 1, LogOrigin.Of(resolved.Receipt.Logs[0])), rm.DecodeForkResolved(Assert.Single(resolved.Receipt.Logs)));
        Assert.Equal(honestTip.Hash, await rm.ResolvedHeadAsync());
        Assert.Equal(new ForkState(1, 0, false), await rm.ForkStateAsync(BlockTag.Pending));

        // The attacker carries on: its rollups are accepted (nodes see them) but excluded, and start no fork.
        var excluded = await s.Rollups.PublishAsync(await s.Rollups.ChildDraftAsync(attackTip.Hash, stolen, "attack after resolution"), stolen, fixture.Attacker);
        Assert.Contains(await rm.TrackedHeadsAsync(), h => h.RollupHash == excluded.Hash && h.Excluded);
        Assert.False(await rm.IsLiveHeadAsync(excluded.Hash));
        Assert.Equal([honestTip.Hash], await rm.LiveHeadsAsync(BlockTag.Pending));
        Assert.Equal(new ForkState(1, 0, false), await rm.ForkStateAsync(BlockTag.Pending));

        // Honest withdrawals pay; the attacker's never do, however long one waits.
        await relayer.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 1, genesisList);
        await relayer.Bridge.FinalizeWithdrawalAsync(honest.Hash, 0, honestList);
        Assert.Equal(Ether * new UInt256(2), await s.Rpc.GetBalanceAsync(honest0, BlockTag.Latest));
        Assert.Equal(Ether, await s.Rpc.GetBalanceAsync(honest1, BlockTag.Latest));
        await s.Rpc.MineAsync(N + M);
        await s.Rollups.ChildAsync(honestTip.Hash, a, "honest later");
        await s.AssertRejectedAsync(fixture.Attacker, c => c.Bridge.FinalizeWithdrawalAsync(attack.Hash, 0, stolenList), BridgeErrors.RollupNotCanonical, [attack.Hash], probe);
        Assert.Equal(WithdrawalState.NotCanonical, (await rm.WithdrawalStatusAsync(excluded.Hash, BlockTag.Pending)).State);
        Assert.Equal(UInt256.Zero, await s.Rpc.GetBalanceAsync(thief, BlockTag.Latest));
        Assert.Equal(Ether * new UInt256(7), await s.Reader.Bridge.HeldAsync(Address.Zero));
    }
}
