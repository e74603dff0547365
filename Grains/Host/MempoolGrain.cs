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
/// <para>
/// Storage is a checkpoint (<see cref="MempoolState"/>, the whole list) plus a journal of the admissions since
/// (<see cref="MempoolJournal"/>). Storing the whole list on every admission made each one cost as much as the list is
/// long, so admission slowed down as the mempool filled; an admission now stores only the journal, which a checkpoint
/// empties once it holds <see cref="MempoolOptions.JournalLimit"/> transactions. Removals and restores are rare (once per L1 block
/// with a rollup) and write a checkpoint.
/// </para>
/// </summary>
[Reentrant]
public sealed partial class MempoolGrain(
    [PersistentState("mempool")] IPersistentState<MempoolState> state,
    [PersistentState("mempool-journal")] IPersistentState<MempoolJournal> journal,
    IOptions<MempoolOptions> options,
    ILogger<MempoolGrain> logger)
    : Grain, IMempoolGrain
{
    private readonly HashSet<Hash256> _pending = [];
    private StateWriteCoalescer? _writer;
    private string _nodeId = string.Empty;
    private bool _checkpointDue;

    private StateWriteCoalescer Writer => _writer ??= new StateWriteCoalescer(FlushAsync);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nodeId = this.GetPrimaryKeyString();
        var pending = state.State.Pending;
        _pending.UnionWith(pending.Select(transaction => transaction.TransactionHash));
        if (journal.State.Epoch == state.State.Epoch)
        {
            // Admitted after the last checkpoint: acknowledged once the journal held them, so they are pending too.
            foreach (var transaction in journal.State.Admitted)
            {
                if (_pending.Add(transaction.TransactionHash))
                {
                    pending.Add(transaction);
                }
            }

            state.State.Admitted = Math.Max(state.State.Admitted, journal.State.AdmittedTotal);
        }
        else
        {
            // Written before the checkpoint that followed it, which holds all of its entries.
            journal.State = new MempoolJournal { Epoch = state.State.Epoch };
        }

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
        journal.State.Admitted.Add(transaction);
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
        _checkpointDue = true;
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
        _checkpointDue = true;
        await Writer.WriteAsync();
    }

    Task<int> IMempoolGrain.CountAsync() => Task.FromResult(state.State.Pending.Count);

    Task<long> IMempoolGrain.GetAdmittedCountAsync() => Task.FromResult(state.State.Admitted);

    private bool IsFull => state.State.Pending.Count >= options.Value.Capacity;

    /// <summary>
    /// One storage write (the coalescer runs one at a time): the journal when only admissions happened since the last
    /// checkpoint and it is still short, otherwise a checkpoint. A checkpoint raises the epoch and starts an empty
    /// journal at once, so admissions during its write go into the journal that extends it. Until a checkpoint write
    /// succeeds none other is trusted: the stored journal would name an epoch the stored checkpoint may not have.
    /// </summary>
    private async Task FlushAsync()
    {
        if (!_checkpointDue && journal.State.Admitted.Count < options.Value.JournalLimit)
        {
            journal.State.Epoch = state.State.Epoch;
            journal.State.AdmittedTotal = state.State.Admitted;
            await journal.WriteStateAsync();
            return;
        }

        _checkpointDue = false;
        state.State.Epoch++;
        journal.State = new MempoolJournal { Epoch = state.State.Epoch };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The checkpoint may or may not be stored; either way the stored journal names no later epoch than the
            // stored checkpoint, and the next write is a checkpoint again, with everything pending.
            _checkpointDue = true;
            throw;
        }
    }

    private SubmissionResult Full() =>
        Rejected(HostRejections.MempoolFull, $"The node's mempool is full ({options.Value.Capacity} pending transactions); retry later.");

    private static SubmissionResult Rejected(byte reason, string message) => new(false, reason, message, null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mempool of node {NodeId} took back {Count} transactions whose rollups an L1 reorg removed")]
    private static partial void LogRestored(ILogger logger, string nodeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mempool of node {NodeId} cannot reach the enclave's admission ({Error}): {Message}")]
    private static partial void LogEnclaveUnavailable(ILogger logger, string nodeId, string error, string message);
}
