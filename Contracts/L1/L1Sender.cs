using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.L1;

/// <summary>
/// Sends EIP-1559 transactions from one operator key, signed locally (the key never goes to the L1 node).
/// <list type="bullet">
/// <item>Nonces: the node's pending count, read under a lock for every send so concurrent sends never collide and an L1
/// reorg that dropped mined transactions leaves no gap; a "nonce too low" answer (a race with another tool) resyncs.</item>
/// <item>Fees: the next block's base fee from <c>eth_feeHistory</c> and the median recent tip; max fee = 2 × base + tip,
/// which survives several full blocks of base-fee growth.</item>
/// <item>Waiting: polls for the receipt; if it is not included within a few blocks, re-signs the same nonce with fees
/// raised by a percentage (a replacement) and keeps watching every attempt; requires the configured confirmations and
/// that the receipt is still on the canonical chain after them.</item>
/// <item>Gaps: a transaction left behind a nonce gap (an L1 reorg dropped earlier ones) fails with
/// <see cref="L1NonceGapException"/> after the same few blocks, instead of waiting for a block that never comes.</item>
/// <item>Reverts: estimation runs the call first, so a revert surfaces before anything is sent, decoded with the
/// request's ABI; a revert inside the block is replayed with <c>eth_call</c> on the previous block's state as that block number, to
/// recover the reason.</item>
/// </list>
/// </summary>
public sealed class L1Sender : IL1TransactionSender, IDisposable
{
    private readonly EthRpcClient _rpc;
    private readonly Secp256k1KeyPair _key;
    private readonly L1SenderOptions _options;
    private readonly SemaphoreSlim _nonceLock = new(1, 1);

    /// <summary>Nonces of this sender's sends still waiting for inclusion (guarded by locking the set itself).</summary>
    private readonly HashSet<ulong> _inFlight = [];
    private ulong? _chainId;

    public L1Sender(EthRpcClient rpc, ReadOnlySpan<byte> privateKey, L1SenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        _key = Secp256k1KeyPair.FromPrivateKey(privateKey);
        _options = options ?? new L1SenderOptions();
    }

    public Address Account => _key.Address;

    public async Task<L1TransactionResult> SendAsync(L1TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        var token = deadline.Token;
        var started = DateTime.UtcNow;

        var chainId = _chainId ??= await _rpc.GetChainIdAsync(token).ConfigureAwait(false);
        var gasLimit = request.GasLimit ?? await EstimateGasAsync(request, token).ConfigureAwait(false);
        var (tip, maxFee) = await PriceAsync(token).ConfigureAwait(false);

        ulong nonce;
        Attempt attempt;
        await _nonceLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            nonce = await NextNonceAsync(token).ConfigureAwait(false);
            attempt = Sign(chainId, nonce, tip, maxFee, gasLimit, request);
            if (!await TrySendAsync(attempt, token).ConfigureAwait(false))
            {
                // The node says this nonce is used: our view is stale (restart, another tool). Resync once.
                nonce = await _rpc.GetTransactionCountAsync(Account, BlockTag.Pending, token).ConfigureAwait(false);
                attempt = Sign(chainId, nonce, tip, maxFee, gasLimit, request);
                if (!await TrySendAsync(attempt, token).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"The L1 node rejects nonce {nonce} for {Account} as too low even after resynchronising.");
                }
            }

            lock (_inFlight) _inFlight.Add(nonce);
        }
        finally
        {
            _nonceLock.Release();
        }

        try
        {
            return await WaitAsync(chainId, nonce, gasLimit, request, attempt, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new L1TransactionTimeoutException(nonce, [attempt.Hash], DateTime.UtcNow - started);
        }
        finally
        {
            lock (_inFlight) _inFlight.Remove(nonce);
        }
    }

    /// <summary>
    /// The node's pending count, read for every send (under the lock, and a sent transaction is in the pool before the
    /// next send reads it). Not a locally counted nonce: after an L1 reorg dropped transactions this sender had seen
    /// mined (anvil does not return them to its pool), a counted nonce would be above the count and leave a gap that
    /// nothing ever fills, so no later transaction of this account would be mined.
    /// </summary>
    private Task<ulong> NextNonceAsync(CancellationToken token) =>
        _rpc.GetTransactionCountAsync(Account, BlockTag.Pending, token);

    public void Dispose()
    {
        _key.Dispose();
        _nonceLock.Dispose();
    }

    private async Task<L1TransactionResult> WaitAsync(ulong chainId, ulong nonce, ulong gasLimit, L1TransactionRequest request, Attempt first, CancellationToken token)
    {
        var attempts = new List<Attempt> { first };
        var current = first;
        var sentAt = await _rpc.GetBlockNumberAsync(token).ConfigureAwait(false);
        var bumps = 0;
        while (true)
        {
            foreach (var candidate in attempts)
            {
                var receipt = await _rpc.GetTransactionReceiptAsync(candidate.Hash, token).ConfigureAwait(false);
                if (receipt is null) continue;
                var confirmed = await ConfirmAsync(receipt, token).ConfigureAwait(false);
                if (confirmed is null) break; // reorganised away while confirming: keep watching
                if (!confirmed.Succeeded) throw await RevertInBlockAsync(request, confirmed, token).ConfigureAwait(false);
                return new L1TransactionResult(candidate.Hash, confirmed);
            }

            var head = await _rpc.GetBlockNumberAsync(token).ConfigureAwait(false);
            if (head >= sentAt + (ulong)_options.BlocksBeforeFeeBump)
            {
                var mined = await _rpc.GetTransactionCountAsync(Account, BlockTag.Latest, token).ConfigureAwait(false);
                if (mined > nonce && await NoneIncludedAsync(attempts, token).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"Nonce {nonce} of {Account} was used by a transaction this sender did not make; the request was not executed.");
                }

                // A reorg dropped earlier transactions of ours: this one waits behind a gap that nothing fills, so
                // re-pricing it would not help. The caller sends again, at the freed nonce. (An earlier send of this
                // sender still waiting, e.g. underpriced, is no gap: the node does not count it as executable.)
                var executable = await _rpc.GetTransactionCountAsync(Account, BlockTag.Pending, token).ConfigureAwait(false);
                if (executable < nonce && !IsInFlightBetween(executable, nonce) && await NoneIncludedAsync(attempts, token).ConfigureAwait(false))
                {
                    throw new L1NonceGapException(Account, nonce, executable);
                }

                if (bumps < _options.MaxFeeBumps)
                {
                    bumps++;
                    var (tip, maxFee) = await PriceAsync(token).ConfigureAwait(false);
                    current = Sign(chainId, nonce, Max(Bump(current.Tip), tip), Max(Bump(current.MaxFee), maxFee), gasLimit, request);
                    attempts.Add(current);
                }

                // Also re-broadcasts the last attempt if the node dropped it from its pool.
                await TrySendAsync(current, token).ConfigureAwait(false);
                sentAt = head;
            }

            await Task.Delay(_options.PollInterval, token).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the confirmations, then re-reads the receipt: null if the transaction left the chain meanwhile.</summary>
    private async Task<RpcReceipt?> ConfirmAsync(RpcReceipt receipt, CancellationToken token)
    {
        var target = receipt.BlockNumber + (ulong)Math.Max(0, _options.Confirmations - 1);
        while (await _rpc.GetBlockNumberAsync(token).ConfigureAwait(false) < target)
        {
            await Task.Delay(_options.PollInterval, token).ConfigureAwait(false);
        }

        var again = await _rpc.GetTransactionReceiptAsync(receipt.TransactionHash, token).ConfigureAwait(false);
        return again is not null && again.BlockHash == receipt.BlockHash ? again : null;
    }

    private bool IsInFlightBetween(ulong from, ulong below)
    {
        lock (_inFlight) return _inFlight.Any(n => n >= from && n < below);
    }

    private async Task<bool> NoneIncludedAsync(List<Attempt> attempts, CancellationToken token)
    {
        foreach (var attempt in attempts)
        {
            if (await _rpc.GetTransactionReceiptAsync(attempt.Hash, token).ConfigureAwait(false) is not null) return false;
        }

        return true;
    }

    private async Task<ulong> EstimateGasAsync(L1TransactionRequest request, CancellationToken token)
    {
        var call = new CallRequest { From = Account, To = request.To, Input = request.Data, Value = request.Value };
        var estimate = await _rpc.EstimateGasAsync(call, BlockTag.Pending, request.Errors, token).ConfigureAwait(false);
        return (estimate * (ulong)_options.GasLimitMarginPercent / 100) + request.ExtraGas;
    }

    private async Task<(UInt256 Tip, UInt256 MaxFee)> PriceAsync(CancellationToken token)
    {
        var history = await _rpc.GetFeeHistoryAsync(5, BlockTag.Latest, [50.0], token).ConfigureAwait(false);
        var nextBaseFee = history.BaseFeePerGas.Count > 0 ? history.BaseFeePerGas[^1] : UInt256.Zero;
        var tips = (history.Reward ?? []).Where(r => r.Count > 0).Select(r => r[0]).Order().ToList();
        var tip = tips.Count > 0 ? tips[tips.Count / 2] : UInt256.Zero;
        tip = Max(tip, new UInt256(_options.MinimumPriorityFee));
        return (tip, (nextBaseFee * new UInt256(2)) + tip);
    }

    private Attempt Sign(ulong chainId, ulong nonce, UInt256 tip, UInt256 maxFee, ulong gasLimit, L1TransactionRequest request)
    {
        Span<byte> privateKey = stackalloc byte[32];
        try
        {
            _key.CopyPrivateKeyTo(privateKey);
            var signed = new DynamicFeeTransaction(chainId, nonce, tip, maxFee, gasLimit, request.To, request.Value, request.Data, []).Sign(privateKey);
            var raw = signed.Encode();
            return new Attempt(raw, Keccak256.Hash(raw), tip, maxFee);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>Sends; false when the node says the nonce is already used. "Already known" counts as sent.</summary>
    private async Task<bool> TrySendAsync(Attempt attempt, CancellationToken token)
    {
        try
        {
            await _rpc.SendRawTransactionAsync(attempt.Raw, token).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (e.Message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase))
        {
            // A re-broadcast of a transaction that is already mined looks the same; the receipt check sorts that out.
            return await _rpc.GetTransactionReceiptAsync(attempt.Hash, token).ConfigureAwait(false) is not null;
        }
        catch (RpcException e) when (e.Message.Contains("underpriced", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("already", StringComparison.OrdinalIgnoreCase))
        {
            return true; // an earlier attempt for this nonce is pending; keep watching all attempts
        }
    }

    private async Task<Exception> RevertInBlockAsync(L1TransactionRequest request, RpcReceipt receipt, CancellationToken token)
    {
        var call = new CallRequest { From = Account, To = request.To, Input = request.Data, Value = request.Value, Gas = receipt.GasUsed * 2 };
        try
        {
            await _rpc.CallAsBlockAsync(call, BlockTag.At(receipt.BlockNumber - 1), receipt.BlockNumber, request.Errors, token).ConfigureAwait(false);
        }
        catch (ContractRevertException e)
        {
            return e;
        }

        return new ContractRevertException($"L1 transaction {receipt.TransactionHash} reverted in block {receipt.BlockNumber}; replaying it on the previous block does not revert, so the reason is unknown.");
    }

    private UInt256 Bump(UInt256 fee) => fee * new UInt256((ulong)(100 + _options.FeeBumpPercent)) / new UInt256(100);

    private static UInt256 Max(UInt256 a, UInt256 b) => a > b ? a : b;

    private sealed record Attempt(byte[] Raw, Hash256 Hash, UInt256 Tip, UInt256 MaxFee);
}
