using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Obscuro.Grains.Node;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Transactions;
using Orleans.Concurrency;

namespace Obscuro.Grains.Host;

/// <summary>
/// The node's pending transactions (host side: it only ever holds them sealed). A submission goes to the enclave's
/// admission workers; an accepted one is kept, once, in arrival order, until the coordinator reports it included in
/// an L1-included canonical rollup, and takes it back if an L1 reorg removes that rollup. Reentrant, so admissions (the expensive part) run in parallel on the enclave
/// silo's cores while this grain only orders and stores; its writes are coalesced, and a submission is answered
/// "accepted" only once its transaction is in storage.
/// </summary>
[Reentrant]
public sealed partial class MempoolGrain(
    [PersistentState("mempool")] IPersistentState<MempoolState> state,
    IOptions<MempoolOptions> options,
    ILogger<MempoolGrain> logger)
    : Grain, IMempoolGrain
{
    private readonly HashSet<Hash256> _pending = [];
    private StateWriteCoalescer? _writer;
    private string _nodeId = string.Empty;

    private StateWriteCoalescer Writer => _writer ??= new StateWriteCoalescer(() => state.WriteStateAsync());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nodeId = this.GetPrimaryKeyString();
        _pending.UnionWith(state.State.Pending.Select(transaction => transaction.TransactionHash));
        return base.OnActivateAsync(cancellationToken);
    }

    async Task<SubmissionResult> IMempoolGrain.SubmitAsync(byte[] ciphertext)
    {
        if (ciphertext is null || ciphertext.Length == 0)
        {
            return Rejected((byte)TransactionRejection.Malformed, "The submission is empty.");
        }

        if (ciphertext.Length > options.Value.MaxCiphertextBytes)
        {
            return Rejected((byte)TransactionRejection.TooLarge, $"The submission is {ciphertext.Length} bytes; this node accepts at most {options.Value.MaxCiphertextBytes}.");
        }

        if (IsFull)
        {
            return Full();
        }

        AdmissionVerdict verdict;
        try
        {
            verdict = await GrainFactory.GetGrain<IAdmissionGrain>(0).AdmitAsync(_nodeId, ciphertext);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or TeeAttestationException or ArgumentException)
        {
            // ArgumentException: the cluster manifest lists no enclave grain type (no enclave silo has joined yet).
            LogEnclaveUnavailable(logger, _nodeId, e.GetType().Name, e.Message);
            return Rejected(HostRejections.EnclaveUnavailable, "The node's enclave is not reachable right now; nothing was admitted. Retry later.");
        }

        if (!verdict.Accepted || verdict.Transaction is not { } transaction)
        {
            return Rejected(verdict.Reason, verdict.Message);
        }

        // Re-checked after the await: other submissions may have been added meanwhile.
        if (_pending.Contains(transaction.TransactionHash))
        {
            return new SubmissionResult(true, 0, "Already pending.", transaction.TransactionHash);
        }

        if (IsFull)
        {
            return Full();
        }

        state.State.Pending.Add(transaction);
        state.State.Admitted++;
        _pending.Add(transaction.TransactionHash);
        await Writer.WriteAsync();
        return new SubmissionResult(true, 0, "Accepted.", transaction.TransactionHash);
    }

    Task<IReadOnlyList<SealedTransaction>> IMempoolGrain.GetPendingAsync(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return Task.FromResult<IReadOnlyList<SealedTransaction>>(state.State.Pending.Take(max).ToList());
    }

    async Task IMempoolGrain.RemoveAsync(IReadOnlyList<Hash256> transactionHashes)
    {
        ArgumentNullException.ThrowIfNull(transactionHashes);
        var remove = transactionHashes.Where(_pending.Contains).ToHashSet();
        if (remove.Count == 0)
        {
            return;
        }

        state.State.Pending.RemoveAll(transaction => remove.Contains(transaction.TransactionHash));
        _pending.ExceptWith(remove);
        await Writer.WriteAsync();
    }

    async Task IMempoolGrain.RestoreAsync(IReadOnlyList<SealedTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var restored = new List<SealedTransaction>();
        foreach (var transaction in transactions)
        {
            if (transaction is not null && _pending.Add(transaction.TransactionHash))
            {
                restored.Add(transaction);
            }
        }

        if (restored.Count == 0)
        {
            return;
        }

        // First: they are older than anything pending, and a sender's later nonces wait for them.
        state.State.Pending.InsertRange(0, restored);
        LogRestored(logger, _nodeId, restored.Count);
        await Writer.WriteAsync();
    }

    Task<int> IMempoolGrain.CountAsync() => Task.FromResult(state.State.Pending.Count);

    Task<long> IMempoolGrain.GetAdmittedCountAsync() => Task.FromResult(state.State.Admitted);

    private bool IsFull => state.State.Pending.Count >= options.Value.Capacity;

    private SubmissionResult Full() =>
        Rejected(HostRejections.MempoolFull, $"The node's mempool is full ({options.Value.Capacity} pending transactions); retry later.");

    private static SubmissionResult Rejected(byte reason, string message) => new(false, reason, message, null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mempool of node {NodeId} took back {Count} transactions whose rollups an L1 reorg removed")]
    private static partial void LogRestored(ILogger logger, string nodeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mempool of node {NodeId} cannot reach the enclave's admission ({Error}): {Message}")]
    private static partial void LogEnclaveUnavailable(ILogger logger, string nodeId, string error, string message);
}
