using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.State;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Protocol.Execution;

/// <summary>
/// The L2 state transition of the first phase: native ETH transfers, wrapped ERC-20 transfers and withdrawals
/// (spec "Obscuro VM": hard-coded contracts). Deterministic, sequential, and free of I/O; every node that applies the
/// same inputs to the same state gets the same state, receipts and withdrawal list.
/// </summary>
public static class StateTransition
{
    /// <summary>Whether a signer's <c>maxFeePerGas × gasLimit</c> authorises paying <paramref name="fee"/>.</summary>
    public static bool CoversFee(in UInt256 maxFeePerGas, ulong gasLimit, in UInt256 fee) =>
        UInt256.TryMultiply(maxFeePerGas, new UInt256(gasLimit), out var cap) && cap >= fee;

    /// <summary>
    /// Checks whether a transaction can be included next: its signer authorised the rollup's fee (which governance may
    /// have raised since admission), its nonce is the account's and it can pay value + fee.
    /// </summary>
    public static InclusionRejection CheckInclusion(StateOverlay state, L2Transaction tx, NetworkRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(rules);
        if (!CoversFee(tx.MaxFeePerGas, tx.GasLimit, rules.TransactionFee)) return InclusionRejection.FeeCapBelowFee;
        var account = state.GetAccount(tx.Sender);
        if (tx.Nonce < account.Nonce) return InclusionRejection.NonceTooLow;
        if (tx.Nonce > account.Nonce) return InclusionRejection.NonceTooHigh;
        if (!UInt256.TryAdd(tx.Value, rules.TransactionFee, out var cost) || account.Balance < cost)
        {
            return InclusionRejection.InsufficientFundsForValueAndFee;
        }

        return InclusionRejection.None;
    }

    /// <summary>
    /// Applies an includable transaction (see <see cref="CheckInclusion"/>): charges the fee into the pool, advances
    /// the nonce, then runs the call. A failing call reverts its own effects but keeps fee and nonce, as on Ethereum.
    /// </summary>
    public static L2Receipt Apply(StateOverlay state, L2Transaction tx, NetworkRules rules, List<Withdrawal> withdrawals)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(withdrawals);
        var sender = state.GetAccount(tx.Sender);
        var fee = rules.TransactionFee;
        if (tx.Nonce != sender.Nonce || !CoversFee(tx.MaxFeePerGas, tx.GasLimit, fee) || !UInt256.TryAdd(tx.Value, fee, out var cost) || sender.Balance < cost)
        {
            throw new InvalidOperationException($"Transaction {tx.Hash} cannot be included: {CheckInclusion(state, tx, rules)}.");
        }

        state.RewardPool += fee;
        if (IsPlainTransfer(state, tx))
        {
            // The common case in one read and two writes: value and fee leave the sender together.
            state.SetAccount(tx.Sender, new AccountState(sender.Balance - cost, sender.Nonce + 1));
            var recipient = state.GetAccount(tx.To);
            state.SetAccount(tx.To, recipient with { Balance = recipient.Balance + tx.Value });
            return new L2Receipt(tx.Hash, tx.Sender, tx.Nonce, TransactionStatus.Succeeded, fee, [], null);
        }

        state.SetAccount(tx.Sender, new AccountState(sender.Balance - fee, sender.Nonce + 1));
        var (failure, logs) = Call(state, tx, withdrawals);
        return new L2Receipt(tx.Hash, tx.Sender, tx.Nonce, failure is null ? TransactionStatus.Succeeded : TransactionStatus.Failed, fee, logs, failure);
    }

    private static bool IsPlainTransfer(StateOverlay state, L2Transaction tx) =>
        !SystemAddresses.IsSystem(tx.To) && state.FindToken(tx.To) is null;

    /// <summary>Credits an L1 deposit. Deposits apply strictly in the bridge's id order, each exactly once.</summary>
    public static void ApplyDeposit(StateOverlay state, in L1Deposit deposit)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (deposit.DepositId != state.NextDepositId)
        {
            throw new InvalidOperationException($"Deposit {deposit.DepositId} is out of order: the next deposit to credit is {state.NextDepositId}.");
        }

        if (deposit.Token.IsZero)
        {
            var account = state.GetAccount(deposit.L2Recipient);
            state.SetAccount(deposit.L2Recipient, account with { Balance = account.Balance + deposit.Amount });
        }
        else
        {
            var l2Token = SystemAddresses.WrappedToken(deposit.Token);
            state.SetTokenBalance(l2Token, deposit.L2Recipient, state.GetTokenBalance(l2Token, deposit.L2Recipient) + deposit.Amount);
        }

        state.NextDepositId++;
    }

    /// <summary>Pays a reward from the pool to an aggregator's L2 account; the pool never goes negative.</summary>
    public static UInt256 ApplyReward(StateOverlay state, in Reward reward)
    {
        ArgumentNullException.ThrowIfNull(state);
        var paid = reward.Amount <= state.RewardPool ? reward.Amount : state.RewardPool;
        state.RewardPool -= paid;
        var account = state.GetAccount(reward.Recipient);
        state.SetAccount(reward.Recipient, account with { Balance = account.Balance + paid });
        return paid;
    }

    private static (string? Failure, IReadOnlyList<L2Log> Logs) Call(StateOverlay state, L2Transaction tx, List<Withdrawal> withdrawals)
    {
        if (tx.To == SystemAddresses.Withdrawals) return Withdraw(state, tx, withdrawals);
        var token = state.FindToken(tx.To);
        if (token is not null) return TransferToken(state, tx, token);
        return ("no contract at this system address", []);
    }

    private static (string?, IReadOnlyList<L2Log>) TransferToken(StateOverlay state, L2Transaction tx, TokenInfo token)
    {
        if (!tx.Value.IsZero) return ("wrapped tokens do not accept ETH", []);
        if (!AbiWords.TryReadCall(tx.Data, HardCodedContracts.TransferSelector, 2, out var args)) return ("calldata is not transfer(address,uint256)", []);
        if (!AbiWords.TryReadAddress(args, 0, out var to)) return ("recipient is not a valid address word", []);
        var amount = AbiWords.ReadUInt256(args, 1);
        var fromBalance = state.GetTokenBalance(token.L2Address, tx.Sender);
        if (fromBalance < amount) return ("insufficient token balance", []);
        state.SetTokenBalance(token.L2Address, tx.Sender, fromBalance - amount);
        state.SetTokenBalance(token.L2Address, to, state.GetTokenBalance(token.L2Address, to) + amount);
        var log = new L2Log(token.L2Address, [HardCodedContracts.TransferTopic, AbiWords.AddressTopic(tx.Sender), AbiWords.AddressTopic(to)], AbiWords.Word(amount));
        return (null, [log]);
    }

    private static (string?, IReadOnlyList<L2Log>) Withdraw(StateOverlay state, L2Transaction tx, List<Withdrawal> withdrawals)
    {
        Withdrawal withdrawal;
        if (tx.Data.Length == 0 || AbiWords.TryReadCall(tx.Data, HardCodedContracts.WithdrawToSelector, 1, out _))
        {
            var recipient = tx.Sender;
            if (tx.Data.Length != 0 && (!AbiWords.TryReadCall(tx.Data, HardCodedContracts.WithdrawToSelector, 1, out var args) || !AbiWords.TryReadAddress(args, 0, out recipient)))
            {
                return ("L1 recipient is not a valid address word", []);
            }

            if (tx.Value.IsZero) return ("withdrawal of zero ETH", []);
            if (recipient.IsZero) return ("withdrawal to the zero address", []);
            var sender = state.GetAccount(tx.Sender);
            if (sender.Balance < tx.Value) return ("insufficient balance for value", []);
            state.SetAccount(tx.Sender, sender with { Balance = sender.Balance - tx.Value });
            withdrawal = new Withdrawal(recipient, Address.Zero, tx.Value);
        }
        else if (AbiWords.TryReadCall(tx.Data, HardCodedContracts.WithdrawTokenSelector, 3, out var args))
        {
            if (!tx.Value.IsZero) return ("token withdrawals carry no ETH value", []);
            if (!AbiWords.TryReadAddress(args, 0, out var l1Token) || !AbiWords.TryReadAddress(args, 2, out var recipient)) return ("address argument is not a valid address word", []);
            var amount = AbiWords.ReadUInt256(args, 1);
            if (amount.IsZero) return ("withdrawal of zero tokens", []);
            if (recipient.IsZero) return ("withdrawal to the zero address", []);
            var l2Token = SystemAddresses.WrappedToken(l1Token);
            if (state.FindToken(l2Token) is null) return ("token is not allow-listed", []);
            var balance = state.GetTokenBalance(l2Token, tx.Sender);
            if (balance < amount) return ("insufficient token balance", []);
            state.SetTokenBalance(l2Token, tx.Sender, balance - amount);
            withdrawal = new Withdrawal(recipient, l1Token, amount);
        }
        else
        {
            return ("calldata is neither withdrawTo(address) nor withdrawToken(address,uint256,address)", []);
        }

        withdrawals.Add(withdrawal);
        var data = new byte[64];
        AbiWords.AddressTopic(withdrawal.Token).CopyTo(data);
        withdrawal.Amount.WriteBigEndian(data.AsSpan(32));
        var log = new L2Log(SystemAddresses.Withdrawals, [HardCodedContracts.WithdrawalTopic, AbiWords.AddressTopic(tx.Sender), AbiWords.AddressTopic(withdrawal.Recipient)], data);
        return (null, [log]);
    }
}
