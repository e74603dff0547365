using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.State;
using static Obscuro.Protocol.Tests.Execution.TestTransactions;

namespace Obscuro.Protocol.Tests.Execution;

public class StateTransitionTests
{
    private static readonly Address Alice = Addr(1);
    private static readonly Address Bob = Addr(2);
    private static readonly Address L1Token = Addr(100);
    private static readonly Address Token = SystemAddresses.WrappedToken(L1Token);

    private static StateOverlay Funded()
    {
        var state = new StateOverlay(L2State.Genesis);
        state.AddToken(new TokenInfo(L1Token, Token, RevealOption.M));
        StateTransition.ApplyDeposit(state, new L1Deposit(0, Alice, Alice, Address.Zero, new UInt256(1000)));
        StateTransition.ApplyDeposit(state, new L1Deposit(1, Alice, Alice, L1Token, new UInt256(500)));
        return new StateOverlay(state.Commit());
    }

    [Fact]
    public void Eth_transfer_moves_value_and_charges_the_fee_into_the_pool()
    {
        var state = Funded();
        var receipt = StateTransition.Apply(state, Tx(Alice, 0, Bob, 100), Rules, []);
        Assert.Equal(TransactionStatus.Succeeded, receipt.Status);
        Assert.Equal(new AccountState(new UInt256(890), 1), state.GetAccount(Alice));
        Assert.Equal(new UInt256(100), state.GetAccount(Bob).Balance);
        Assert.Equal(new UInt256(10), state.RewardPool);
    }

    [Theory]
    [InlineData(1UL, InclusionRejection.NonceTooHigh)]
    [InlineData(0UL, InclusionRejection.InsufficientFundsForValueAndFee)]
    public void Transactions_that_cannot_be_included_are_refused_without_touching_state(ulong nonce, InclusionRejection expected)
    {
        var state = Funded();
        var tx = Tx(Alice, nonce, Bob, 995); // 995 + fee 10 > 1000
        Assert.Equal(expected, StateTransition.CheckInclusion(state, tx, Rules));
        Assert.Throws<InvalidOperationException>(() => StateTransition.Apply(state, tx, Rules, []));
        Assert.Equal(new AccountState(new UInt256(1000), 0), state.GetAccount(Alice));
        Assert.Equal(UInt256.Zero, state.RewardPool);
    }

    [Fact]
    public void Replayed_nonce_is_too_low()
    {
        var state = Funded();
        StateTransition.Apply(state, Tx(Alice, 0, Bob, 1), Rules, []);
        Assert.Equal(InclusionRejection.NonceTooLow, StateTransition.CheckInclusion(state, Tx(Alice, 0, Bob, 1), Rules));
    }

    [Fact]
    public void Token_transfer_moves_tokens_and_logs_a_transfer_event()
    {
        var state = Funded();
        var receipt = StateTransition.Apply(state, Tx(Alice, 0, Token, 0, TransferCall(Bob, 200)), Rules, []);
        Assert.Equal(TransactionStatus.Succeeded, receipt.Status);
        Assert.Equal(new UInt256(300), state.GetTokenBalance(Token, Alice));
        Assert.Equal(new UInt256(200), state.GetTokenBalance(Token, Bob));
        var log = Assert.Single(receipt.Logs);
        Assert.Equal(HardCodedContracts.TransferTopic, log.Topics[0]);
        Assert.Equal(new UInt256(200), UInt256.FromBigEndian(log.Data));
    }

    [Theory]
    [InlineData("overdraw", "insufficient token balance")]
    [InlineData("value", "wrapped tokens do not accept ETH")]
    [InlineData("short", "calldata is not transfer(address,uint256)")]
    [InlineData("dirty", "recipient is not a valid address word")]
    public void Failed_token_transfer_keeps_fee_and_nonce_but_moves_nothing(string kind, string reason)
    {
        var state = Funded();
        var data = TransferCall(Bob, kind == "overdraw" ? 501UL : 1UL);
        if (kind == "short") data = data[..^1];
        if (kind == "dirty") data[4] = 1;
        var receipt = StateTransition.Apply(state, Tx(Alice, 0, Token, kind == "value" ? 1UL : 0UL, data), Rules, []);
        Assert.Equal(TransactionStatus.Failed, receipt.Status);
        Assert.Equal(reason, receipt.FailureReason);
        Assert.Equal(new UInt256(500), state.GetTokenBalance(Token, Alice));
        Assert.Equal(UInt256.Zero, state.GetTokenBalance(Token, Bob));
        Assert.Equal(new AccountState(new UInt256(990), 1), state.GetAccount(Alice));
        Assert.Empty(receipt.Logs);
    }

    [Fact]
    public void Eth_withdrawal_debits_l2_and_lists_the_withdrawal()
    {
        var state = Funded();
        var withdrawals = new List<Withdrawal>();
        var receipt = StateTransition.Apply(state, Tx(Alice, 0, SystemAddresses.Withdrawals, 300), Rules, withdrawals);
        Assert.Equal(TransactionStatus.Succeeded, receipt.Status);
        Assert.Equal(new Withdrawal(Alice, Address.Zero, new UInt256(300)), Assert.Single(withdrawals));
        Assert.Equal(new UInt256(690), state.GetAccount(Alice).Balance);
    }

    [Fact]
    public void Token_withdrawal_to_another_l1_recipient()
    {
        var state = Funded();
        var withdrawals = new List<Withdrawal>();
        StateTransition.Apply(state, Tx(Alice, 0, SystemAddresses.Withdrawals, 0, WithdrawTokenCall(L1Token, 123, Bob)), Rules, withdrawals);
        Assert.Equal(new Withdrawal(Bob, L1Token, new UInt256(123)), Assert.Single(withdrawals));
        Assert.Equal(new UInt256(377), state.GetTokenBalance(Token, Alice));
    }

    [Theory]
    [InlineData("zero eth", "withdrawal of zero ETH")]
    [InlineData("unknown token", "token is not allow-listed")]
    [InlineData("too many tokens", "insufficient token balance")]
    [InlineData("garbage", "calldata is neither withdrawTo(address) nor withdrawToken(address,uint256,address)")]
    public void Failed_withdrawals_list_nothing(string kind, string reason)
    {
        var state = Funded();
        var withdrawals = new List<Withdrawal>();
        var tx = kind switch
        {
            "zero eth" => Tx(Alice, 0, SystemAddresses.Withdrawals, 0),
            "unknown token" => Tx(Alice, 0, SystemAddresses.Withdrawals, 0, WithdrawTokenCall(Addr(999), 1, Alice)),
            "too many tokens" => Tx(Alice, 0, SystemAddresses.Withdrawals, 0, WithdrawTokenCall(L1Token, 501, Alice)),
            _ => Tx(Alice, 0, SystemAddresses.Withdrawals, 0, [1, 2, 3]),
        };
        var receipt = StateTransition.Apply(state, tx, Rules, withdrawals);
        Assert.Equal(reason, receipt.FailureReason);
        Assert.Empty(withdrawals);
    }

    [Fact]
    public void Deposits_apply_in_order_exactly_once()
    {
        var state = new StateOverlay(L2State.Genesis);
        StateTransition.ApplyDeposit(state, new L1Deposit(0, Alice, Bob, Address.Zero, new UInt256(5)));
        Assert.Throws<InvalidOperationException>(() => StateTransition.ApplyDeposit(state, new L1Deposit(0, Alice, Bob, Address.Zero, new UInt256(5))));
        Assert.Throws<InvalidOperationException>(() => StateTransition.ApplyDeposit(state, new L1Deposit(2, Alice, Bob, Address.Zero, new UInt256(5))));
        Assert.Equal(new UInt256(5), state.GetAccount(Bob).Balance);
        Assert.Equal(1UL, state.NextDepositId);
    }

    [Fact]
    public void Rewards_never_exceed_the_pool()
    {
        var state = Funded();
        StateTransition.Apply(state, Tx(Alice, 0, Bob, 1), Rules, []);
        var paid = StateTransition.ApplyReward(state, new Reward(Bob, new UInt256(1_000_000)));
        Assert.Equal(new UInt256(10), paid);
        Assert.Equal(UInt256.Zero, state.RewardPool);
        Assert.Equal(new UInt256(11), state.GetAccount(Bob).Balance);
    }

    [Fact]
    public void Sending_to_an_unused_system_address_fails()
    {
        var state = Funded();
        var receipt = StateTransition.Apply(state, Tx(Alice, 0, new Address(new byte[20]), 1), Rules, []);
        Assert.Equal("no contract at this system address", receipt.FailureReason);
        Assert.Equal(new UInt256(990), state.GetAccount(Alice).Balance);
    }
}

public class ReadOnlyCallTests
{
    [Fact]
    public void BalanceOf_reads_a_wrapped_token_balance_with_abi_encoding()
    {
        var l1Token = TestTransactions.Addr(100);
        var token = SystemAddresses.WrappedToken(l1Token);
        var holder = TestTransactions.Addr(1);
        var overlay = new StateOverlay(L2State.Genesis);
        overlay.AddToken(new TokenInfo(l1Token, token, RevealOption.M));
        StateTransition.ApplyDeposit(overlay, new L1Deposit(0, holder, holder, l1Token, new UInt256(42)));
        var state = overlay.Commit();
        var call = TestTransactions.Call(ReadOnlyCalls.BalanceOfSelector, holder.ToArray());

        var (result, error) = ReadOnlyCalls.Call(state, token, call);
        Assert.Null(error);
        Assert.Equal(new UInt256(42), UInt256.FromBigEndian(result));
        Assert.Equal("no hard-coded contract with readable state at this address", ReadOnlyCalls.Call(state, holder, call).Error);
        Assert.Equal("calldata is not balanceOf(address)", ReadOnlyCalls.Call(state, token, call.AsSpan(0, 10)).Error);
    }
}
