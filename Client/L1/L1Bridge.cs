using Obscuro.Client.Amounts;
using Obscuro.Client.Errors;
using Obscuro.Client.Keys;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Client.L1;

/// <summary>
/// The wallet's L1 transactions, signed locally with the account key through <see cref="L1Sender"/>: deposits into the
/// bridge (ETH, or an allow-listed token after an approve) and the finalisation of withdrawals once the bridge says
/// they are payable.
/// </summary>
public sealed class L1Bridge
{
    private readonly L1Network _l1;
    private readonly L1SenderOptions _senderOptions;
    private readonly WaitOptions _wait;

    public L1Bridge(L1Network l1, L1SenderOptions? senderOptions = null, WaitOptions? wait = null)
    {
        ArgumentNullException.ThrowIfNull(l1);
        _l1 = l1;
        _senderOptions = senderOptions ?? new L1SenderOptions();
        _wait = wait ?? new WaitOptions();
    }

    /// <summary>
    /// Deposits <paramref name="amount"/> of <paramref name="asset"/> for <paramref name="l2Recipient"/>. Checks the
    /// L1 balance first; for a token, approves the bridge when its allowance is short. Returns once the deposit is in
    /// an L1 block (the L2 credits it when a rollup that depends on that block is published).
    /// </summary>
    public async Task<DepositResult> DepositAsync(UnlockedAccount account, Asset asset, UInt256 amount, Address l2Recipient, IProgress<WaitStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(asset);
        RequirePositive(amount, asset);
        if (l2Recipient.IsZero)
        {
            throw new InputFormatException("The L2 recipient is the zero address.", "Deposit to your own account (the default) or to a real address.");
        }

        using var sender = CreateSender(account);
        var bridge = _l1.Bridge.WithSender(sender);
        var started = DateTime.UtcNow;
        Hash256? approval = null;
        L1TransactionResult result;
        if (asset.IsEth)
        {
            var balance = await _l1.Rpc.GetBalanceAsync(account.Address, BlockTag.Latest, cancellationToken).ConfigureAwait(false);
            if (balance < amount)
            {
                throw InsufficientOnL1(asset, balance, amount, "ETH on L1");
            }

            progress?.Report(new WaitStatus($"Sending the deposit of {asset.Format(amount)} to the bridge", DateTime.UtcNow - started));
            result = await SendAsync(() => bridge.DepositEthAsync(l2Recipient, amount, cancellationToken), asset, balance, amount).ConfigureAwait(false);
        }
        else
        {
            var token = new Erc20Token(asset.L1Address, _l1.Rpc);
            var balance = await token.BalanceOfAsync(account.Address, cancellationToken).ConfigureAwait(false);
            if (balance < amount)
            {
                throw InsufficientOnL1(asset, balance, amount, $"{asset.Symbol} on L1");
            }

            var allowance = await token.AllowanceAsync(account.Address, bridge.Address, cancellationToken).ConfigureAwait(false);
            if (allowance < amount)
            {
                progress?.Report(new WaitStatus($"Approving the bridge to take {asset.Format(amount)}", DateTime.UtcNow - started));
                approval = (await SendAsync(() => token.ApproveAsync(sender, bridge.Address, amount, cancellationToken), asset, balance, amount).ConfigureAwait(false)).TransactionHash;
            }

            progress?.Report(new WaitStatus($"Sending the deposit of {asset.Format(amount)} to the bridge", DateTime.UtcNow - started));
            result = await SendAsync(() => bridge.DepositTokenAsync(asset.L1Address, amount, l2Recipient, cancellationToken), asset, balance, amount).ConfigureAwait(false);
        }

        var deposit = bridge.DecodeEvents(result.Receipt).OfType<DepositEvent>().Single();
        return new DepositResult(asset, deposit.Amount, deposit.DepositId, deposit.L2Recipient, result.TransactionHash, result.Receipt.BlockNumber, approval);
    }

    /// <summary>
    /// Unpaid withdrawals to <paramref name="recipient"/> in every published rollup (from the RollupPublished events),
    /// optionally only in one rollup. Entries the bridge already paid are left out.
    /// </summary>
    public async Task<IReadOnlyList<PendingWithdrawal>> FindPendingAsync(Address recipient, Hash256? rollupHash = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<RollupPublishedEvent> rollups;
        if (rollupHash is { } hash)
        {
            rollups = await _l1.FindRollupAsync(hash, cancellationToken).ConfigureAwait(false) is { } one ? [one] : [];
        }
        else
        {
            rollups = await _l1.GetRollupsWithWithdrawalsAsync(cancellationToken).ConfigureAwait(false);
        }

        var pending = new List<PendingWithdrawal>();
        foreach (var rollup in rollups)
        {
            for (var index = 0; index < rollup.Withdrawals.Count; index++)
            {
                var withdrawal = rollup.Withdrawals[index];
                if (withdrawal.Recipient == recipient && !await _l1.Bridge.IsWithdrawalPaidAsync(rollup.RollupHash, (ulong)index, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    pending.Add(new PendingWithdrawal(rollup.RollupHash, (ulong)index, withdrawal, rollup.Withdrawals, rollup.Origin.BlockNumber ?? 0));
                }
            }
        }

        return pending;
    }

    /// <summary>
    /// Waits until the bridge says the withdrawal's rollup is payable (N L1 blocks after publication, longer while a
    /// fork is live), then pays it with <c>finalizeWithdrawal</c>, sent and paid for by <paramref name="account"/>.
    /// </summary>
    public async Task<FinalizedWithdrawal> FinalizeAsync(UnlockedAccount account, PendingWithdrawal withdrawal, IProgress<WaitStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(withdrawal);
        var bridge = _l1.Bridge;
        var started = DateTime.UtcNow;
        while (true)
        {
            var status = await bridge.WithdrawalStateAsync(withdrawal.RollupHash, cancellationToken: cancellationToken).ConfigureAwait(false);
            var head = await _l1.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
            switch (status.State)
            {
                case WithdrawalState.Payable:
                    return await PayAsync(account, withdrawal, cancellationToken).ConfigureAwait(false);
                case WithdrawalState.Waiting:
                    progress?.Report(new WaitStatus($"Waiting for L1 block {status.PayableAtBlock} (now {head}): the bridge pays withdrawals a fixed number of blocks after their rollup", DateTime.UtcNow - started));
                    break;
                case WithdrawalState.Locked:
                    throw new NotReadyException(
                        $"The bridge has locked withdrawals (competing rollup forks since L1 block {status.ForkSince}, or a declared breach).",
                        "Nothing is lost: try again after governance resolves the fork ('obscuro finalize' picks it up then).");
                case WithdrawalState.NotCanonical:
                    throw new NotReadyException(
                        $"Rollup {withdrawal.RollupHash} is not on the canonical rollup chain now (a competing fork is live, or it lost one).",
                        "Wait a few L1 blocks and try again; if the rollup lost the fork, the withdrawal is paid from the rollup that replaced it.");
                default:
                    throw new NotFoundException($"Rollup {withdrawal.RollupHash} is not published on L1.", "Check the transaction with 'obscuro status'.");
            }

            if (DateTime.UtcNow - started > _wait.PayableTimeout)
            {
                throw new WaitTimeoutException(
                    $"The withdrawal was not payable within {_wait.PayableTimeout.TotalSeconds:0} s (payable at L1 block {status.PayableAtBlock}, now {head}).",
                    "Run 'obscuro finalize' again later; nothing was sent.");
            }

            await Task.Delay(_wait.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<FinalizedWithdrawal> PayAsync(UnlockedAccount account, PendingWithdrawal withdrawal, CancellationToken cancellationToken)
    {
        using var sender = CreateSender(account);
        var bridge = _l1.Bridge.WithSender(sender);
        try
        {
            var result = await bridge.FinalizeWithdrawalAsync(withdrawal.RollupHash, withdrawal.Index, withdrawal.AllWithdrawals, cancellationToken).ConfigureAwait(false);
            var receipt = result.Receipt;
            return new FinalizedWithdrawal(withdrawal, result.TransactionHash, receipt.BlockNumber, new UInt256(receipt.GasUsed) * receipt.EffectiveGasPrice);
        }
        catch (ContractRevertException e)
        {
            throw new L1RevertedException($"The bridge refused to pay withdrawal {withdrawal.Index} of rollup {withdrawal.RollupHash}: {e.Reason}.", "Run 'obscuro finalize' again: it shows what is still unpaid.", e);
        }
        catch (RpcException e) when (IsInsufficientFunds(e))
        {
            throw new InsufficientFundsException($"{account.Address.ToChecksumString()} cannot pay the L1 gas of the finalisation.", "Send some ETH on L1 to this account for gas, or let someone else finalize: anyone may, and the recipient is paid either way.", string.Empty, string.Empty, e);
        }
    }

    private L1Sender CreateSender(UnlockedAccount account) =>
        account.UseAccountKey(key => new L1Sender(_l1.Rpc, key, _senderOptions));

    private static async Task<L1TransactionResult> SendAsync(Func<Task<L1TransactionResult>> send, Asset asset, UInt256 balance, UInt256 amount)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (ContractRevertException e)
        {
            throw new L1RevertedException($"The L1 refused the deposit of {asset.Format(amount)}: {e.Reason}.", "Check that the network is not in a declared breach and that the token is still allow-listed ('obscuro tokens').", e);
        }
        catch (RpcException e) when (IsInsufficientFunds(e))
        {
            throw new InsufficientFundsException(
                $"The account cannot pay {asset.Format(amount)} plus the L1 gas (it holds {asset.Format(balance)}).",
                "Deposit a little less, so that some ETH is left for gas, or fund the account on L1.",
                asset.Format(balance),
                asset.Format(amount) + " + gas",
                e);
        }
    }

    private static bool IsInsufficientFunds(RpcException e) => e.Message.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase);

    private static InsufficientFundsException InsufficientOnL1(Asset asset, UInt256 balance, UInt256 amount, string what) =>
        new($"The account holds {asset.Format(balance)} on L1, less than the {asset.Format(amount)} to deposit.", $"Deposit at most {asset.Format(balance)}, or get more {what} first.", asset.Format(balance), asset.Format(amount));

    private static void RequirePositive(UInt256 amount, Asset asset)
    {
        if (amount.IsZero)
        {
            throw new InputFormatException($"The amount is zero {asset.Symbol}.", "Give an amount greater than zero.");
        }
    }
}
