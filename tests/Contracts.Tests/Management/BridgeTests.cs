using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>Deposits of ETH and tokens, and withdrawals paid once, after N blocks, never beyond what the bridge holds.</summary>
[Collection(SharedManagementChain.Name)]
public sealed class BridgeTests(ManagementFixture fixture)
{
    private static readonly UInt256 Ether = ManagementFixture.Ether;
    private static readonly ulong N = ManagementFixture.Parameters.WithdrawalDelay;

    private static Address Recipient(string name) => new(Keccak256.HashToArray(System.Text.Encoding.UTF8.GetBytes("recipient " + name)).AsSpan(12));

    [Fact]
    public async Task Deposits_ETH_and_an_allow_listed_token()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var c = s.As(fixture.Depositor);
        var token = c.TestToken!.Address;
        var (alice, bob) = (Recipient("alice"), Recipient("bob"));

        var eth = await c.Bridge.DepositEthAsync(alice, Ether * new UInt256(3));
        var ethEvent = c.Bridge.DecodeDeposit(Assert.Single(eth.Receipt.Logs));
        Assert.Equal((UInt256.Zero, fixture.Depositor.Address, alice, Address.Zero, Ether * new UInt256(3)), (ethEvent.DepositId, ethEvent.L1Sender, ethEvent.L2Recipient, ethEvent.Token, ethEvent.Amount));

        var tokens = await s.DepositTokenAsync(fixture.Depositor, new UInt256(500), bob);
        var tokenEvent = Assert.Single(c.Bridge.DecodeEvents(tokens.Receipt).OfType<DepositEvent>());
        Assert.Equal((UInt256.One, bob, token, new UInt256(500)), (tokenEvent.DepositId, tokenEvent.L2Recipient, tokenEvent.Token, tokenEvent.Amount));

        // A fee-on-transfer token credits what the bridge received, not what was asked.
        await c.TestToken.SetTransferFeeAsync(100);
        var taxed = await s.DepositTokenAsync(fixture.Depositor, new UInt256(1_000), bob);
        Assert.Equal(new UInt256(990), Assert.Single(c.Bridge.DecodeEvents(taxed.Receipt).OfType<DepositEvent>()).Amount);

        Assert.Equal(3UL, await c.Bridge.DepositCountAsync());
        Assert.Equal(Ether * new UInt256(3), await c.Bridge.HeldAsync(Address.Zero));
        Assert.Equal(Ether * new UInt256(3), await s.Rpc.GetBalanceAsync(c.Bridge.Address, BlockTag.Latest));
        Assert.Equal(new UInt256(1_490), await c.Bridge.HeldAsync(token));
        Assert.Equal(new UInt256(1_490), await c.TestToken.BalanceOfAsync(c.Bridge.Address));
        var all = await c.Bridge.GetEventsAsync(BlockTag.At(eth.Receipt.BlockNumber), BlockTag.Latest);
        Assert.Equal([0UL, 1UL, 2UL], all.OfType<DepositEvent>().Select(d => d.DepositId.ToUInt64()));
    }

    [Fact]
    public async Task A_deposit_of_a_token_that_is_not_allow_listed_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var unlisted = await TestTokenContract.DeployAsync(s.SenderOf(fixture.Depositor), s.Rpc, "Unlisted", "UNL");
        await unlisted.MintAsync(fixture.Depositor.Address, new UInt256(1_000));
        await unlisted.ApproveAsync(s.Addresses.Bridge, new UInt256(1_000));

        await s.AssertRejectedAsync(
            fixture.Depositor,
            c => c.Bridge.DepositTokenAsync(unlisted.Address, new UInt256(1_000), Recipient("alice")),
            BridgeErrors.TokenNotAllowed,
            [unlisted.Address]);
        Assert.Equal(new UInt256(1_000), await unlisted.BalanceOfAsync(fixture.Depositor.Address));
        Assert.Equal(UInt256.Zero, await unlisted.BalanceOfAsync(s.Addresses.Bridge));
        Assert.Equal(UInt256.Zero, await s.Reader.Bridge.HeldAsync(unlisted.Address));

        // Removing a token from the list stops its deposits too.
        var listed = s.Addresses.TestToken!.Value;
        await s.As(fixture.Governance).Bridge.SetTokenAllowedAsync(listed, false, RevealOption.M);
        await s.AssertRejectedAsync(
            fixture.Depositor,
            c => c.Bridge.DepositTokenAsync(listed, new UInt256(10), Recipient("alice")),
            BridgeErrors.TokenNotAllowed,
            [listed]);
    }

    [Fact]
    public async Task Deposits_without_value_or_recipient_or_during_a_breach_are_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var probe = new ChainStateProbe(s); // not the depositor's ETH: it pays the gas of the forced transactions
        await s.AssertRejectedAsync(fixture.Depositor, c => c.Bridge.DepositEthAsync(Recipient("alice"), UInt256.Zero), BridgeErrors.ZeroAmount, [], probe);
        await s.AssertRejectedAsync(fixture.Depositor, c => c.Bridge.DepositEthAsync(Address.Zero, Ether), BridgeErrors.InvalidL2Recipient, [], probe);

        await s.As(fixture.Governance).NetworkManagement.DeclareBreachAsync();
        await s.AssertRejectedAsync(fixture.Depositor, c => c.Bridge.DepositEthAsync(Recipient("alice"), Ether), BridgeErrors.BridgeBreached, [], probe);
    }

    [Fact]
    public async Task Withdrawals_pay_after_N_blocks_exactly_once()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var depositor = s.As(fixture.Depositor);
        var relayer = s.As(fixture.Relayer);
        var token = s.Addresses.TestToken!.Value;
        await depositor.Bridge.DepositEthAsync(Recipient("l2 alice"), Ether * new UInt256(5));
        await s.DepositTokenAsync(fixture.Depositor, new UInt256(1_000), Recipient("l2 bob"));

        var (x, y, z) = (Recipient("x"), Recipient("y"), Recipient("z"));
        Withdrawal[] withdrawals = [new(x, Address.Zero, Ether * new UInt256(2)), new(y, token, new UInt256(300)), new(z, Address.Zero, Ether)];
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis", withdrawals);
        Assert.Equal(withdrawals, genesis.Event.Withdrawals);
        Assert.Equal(genesis.Header.Withdrawals, withdrawals);
        var payableAt = genesis.PublishedAt + N;
        var probe = new ChainStateProbe(s).WithRollups(genesis.Hash).WithWithdrawals(genesis.Hash, 3).WithAccounts(x, y, z);

        // Before N blocks: waiting, and the bridge says until when.
        Assert.Equal(new WithdrawalStatus(WithdrawalState.Waiting, payableAt, 0), await s.Reader.RollupManagement.WithdrawalStatusAsync(genesis.Hash, BlockTag.Pending));
        await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, withdrawals), BridgeErrors.WithdrawalNotYetPayable, [payableAt], probe);

        // In the last block before it is payable it still waits; in block publishedAt + N it pays.
        await s.MineUntilNextBlockIsAsync(payableAt - 1);
        await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, withdrawals), BridgeErrors.WithdrawalNotYetPayable, [payableAt], probe);
        Assert.Equal(payableAt, await s.BlockNumberAsync() + 1);
        Assert.Equal(new WithdrawalStatus(WithdrawalState.Payable, payableAt, 0), await s.Reader.Bridge.WithdrawalStateAsync(genesis.Hash, BlockTag.Pending));
        var paid = await relayer.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, withdrawals);
        Assert.Equal(payableAt, paid.Receipt.BlockNumber);
        var finalized = relayer.Bridge.DecodeWithdrawalFinalized(Assert.Single(paid.Receipt.Logs));
        Assert.Equal((genesis.Hash, 0UL, x, Address.Zero, Ether * new UInt256(2)), (finalized.RollupHash, finalized.Index, finalized.Recipient, finalized.Token, finalized.Amount));
        Assert.Equal(Ether * new UInt256(2), await s.Rpc.GetBalanceAsync(x, BlockTag.Latest));
        Assert.True(await s.Reader.Bridge.IsWithdrawalPaidAsync(genesis.Hash, 0));
        Assert.Equal(Ether * new UInt256(3), await s.Reader.Bridge.HeldAsync(Address.Zero));

        // Paid once: the same entry again is refused, with nothing paid twice.
        await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, withdrawals), BridgeErrors.WithdrawalAlreadyPaid, [genesis.Hash, 0], probe);

        // The token entry, then the rest in one batch (which skips the entry already paid).
        await relayer.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 1, withdrawals);
        Assert.Equal(new UInt256(300), await s.Reader.TestToken!.BalanceOfAsync(y));
        var batch = await relayer.Bridge.FinalizeWithdrawalsAsync(genesis.Hash, withdrawals);
        Assert.Equal(z, Assert.Single(relayer.Bridge.DecodeEvents(batch.Receipt).OfType<WithdrawalFinalizedEvent>()).Recipient);
        Assert.Equal(Ether, await s.Rpc.GetBalanceAsync(z, BlockTag.Latest));
        Assert.Equal(Ether * new UInt256(2), await s.Reader.Bridge.HeldAsync(Address.Zero));
        Assert.Equal(new UInt256(700), await s.Reader.Bridge.HeldAsync(token));
        await s.AssertRejectedAsync(fixture.Relayer, c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 2, withdrawals), BridgeErrors.WithdrawalAlreadyPaid, [genesis.Hash, 2], probe);
    }

    [Fact]
    public async Task Withdrawals_need_the_exact_list_and_are_never_paid_beyond_what_is_held()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        await s.As(fixture.Depositor).Bridge.DepositEthAsync(Recipient("l2 alice"), Ether);
        var (x, y) = (Recipient("x"), Recipient("y"));
        Withdrawal[] withdrawals = [new(x, Address.Zero, Ether / new UInt256(2)), new(y, Address.Zero, Ether * new UInt256(7))];
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis", withdrawals);

        // One block past the first payable one: the sender replays an in-block revert on the previous block.
        await s.MineUntilNextBlockIsAsync(genesis.PublishedAt + N + 1);
        var probe = new ChainStateProbe(s).WithRollups(genesis.Hash).WithWithdrawals(genesis.Hash, 2).WithAccounts(x, y);

        // A list that is not the published one (more to x) does not hash to what the rollup committed to.
        Withdrawal[] inflated = [withdrawals[0] with { Amount = Ether }, withdrawals[1]];
        var stored = await s.Reader.RollupManagement.WithdrawalsHashOfAsync(genesis.Hash);
        Assert.Equal(Protocol.Rollups.RollupHeader.HashWithdrawals(withdrawals), stored);
        await s.AssertRejectedAsync(fixture.Attacker, c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, inflated), BridgeErrors.WithdrawalListMismatch, [genesis.Hash, stored, Protocol.Rollups.RollupHeader.HashWithdrawals(inflated)], probe);
        await s.AssertRejectedAsync(fixture.Attacker, c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 2, withdrawals), BridgeErrors.WithdrawalIndexOutOfRange, [2, 2], probe);

        // 7 ETH were never deposited (1 was): the bridge refuses, even though ETH sent to it outside a deposit sits there.
        await s.Rpc.SetBalanceAsync(s.Addresses.Bridge, Ether * new UInt256(100));
        await s.AssertRejectedAsync(fixture.Attacker, c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 1, withdrawals), BridgeErrors.InsufficientBridgeFunds, [Address.Zero, Ether * new UInt256(7), Ether], probe);

        // The batch pays what it can and skips the rest, which stays payable.
        var batch = await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalsAsync(genesis.Hash, withdrawals);
        var skipped = Assert.Single(s.Reader.Bridge.DecodeEvents(batch.Receipt).OfType<WithdrawalSkippedEvent>());
        Assert.Equal((1UL, SkipReason.InsufficientFunds), (skipped.Index, skipped.Reason));
        Assert.True(await s.Reader.Bridge.IsWithdrawalPaidAsync(genesis.Hash, 0));
        Assert.False(await s.Reader.Bridge.IsWithdrawalPaidAsync(genesis.Hash, 1));
        Assert.Equal(Ether / new UInt256(2), await s.Reader.Bridge.HeldAsync(Address.Zero));
    }

    [Fact]
    public async Task A_declared_breach_stops_withdrawals_until_cleared()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        await s.As(fixture.Depositor).Bridge.DepositEthAsync(Recipient("l2 alice"), Ether);
        var x = Recipient("x");
        Withdrawal[] withdrawals = [new(x, Address.Zero, Ether)];
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis", withdrawals);
        await s.MineUntilNextBlockIsAsync(genesis.PublishedAt + N);

        var governance = s.As(fixture.Governance).NetworkManagement;
        var declared = await governance.DeclareBreachAsync();
        Assert.Equal(fixture.Governance.Address, governance.DecodeBreachDeclared(Assert.Single(declared.Receipt.Logs)).By);
        Assert.Equal(WithdrawalState.Locked, (await s.Reader.Bridge.WithdrawalStateAsync(genesis.Hash, BlockTag.Pending)).State);
        Assert.Equal(WithdrawalState.Payable, (await s.Reader.RollupManagement.WithdrawalStatusAsync(genesis.Hash, BlockTag.Pending)).State);
        await s.AssertRejectedAsync(
            fixture.Relayer,
            c => c.Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, withdrawals),
            BridgeErrors.BridgeBreached,
            [],
            new ChainStateProbe(s).WithWithdrawals(genesis.Hash, 1).WithAccounts(x));

        // Rollups are still accepted during a breach, so the honest chain goes on while governance decides.
        await s.Rollups.ChildAsync(genesis.Hash, fixture.EnclaveA, "during the breach");

        await governance.ClearBreachAsync();
        await s.As(fixture.Relayer).Bridge.FinalizeWithdrawalAsync(genesis.Hash, 0, withdrawals);
        Assert.Equal(Ether, await s.Rpc.GetBalanceAsync(x, BlockTag.Latest));
    }
}
