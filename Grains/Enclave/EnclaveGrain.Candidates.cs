using Obscuro.Grains.Conversions;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Pobi;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Enclave;

public sealed partial class EnclaveGrain
{
    Task<CandidateResult> IEnclaveGrain.ProduceCandidateAsync(IReadOnlyList<SealedTransaction> pending) => ProduceCandidateAsync(pending, null);

    Task<CandidateResult> IEnclaveGrain.ProduceCandidateOnAsync(Hash256 pendingAsOf, IReadOnlyList<SealedTransaction> pending) => ProduceCandidateAsync(pending, pendingAsOf);

    /// <param name="pendingAsOf">The head the host's pending list reflects; null when the caller makes no such claim (then any list is built from).</param>
    private async Task<CandidateResult> ProduceCandidateAsync(IReadOnlyList<SealedTransaction> pending, Hash256? pendingAsOf)
    {
        ArgumentNullException.ThrowIfNull(pending);
        await EnsureStartedAsync(null);
        var network = _network!;
        if (!network.Settings.IsAggregator)
        {
            return NotReady("this node is a verifier: it produces no rollups");
        }

        if (_ledger is null || _vault!.Secrets is not { } secrets)
        {
            return NotReady("the enclave does not hold the master seed yet");
        }

        var me = Tee.EnclaveKey.Address;
        var registry = _chain!.Registry;
        if (!registry.Nodes.TryGetValue(me, out var registration) || !registration.IsAggregator || !registry.Provisioned.Contains(me))
        {
            return NotReady("this enclave is not yet a provisioned aggregator on L1");
        }

        var inputs = _ledger.InputsForNextRollup();
        if (inputs is null)
        {
            return NotReady("no L1 block has been ingested since the anchor");
        }

        var recorded = _book.TryGet(inputs.ParentHash, out var existing);
        var held = recorded && IsStillValid(existing, inputs);
        if (!held && pendingAsOf is { } asOf && asOf != inputs.ParentHash)
        {
            // The host read its pending list before it had dropped the transactions of the current head: they would take
            // up the slice and then be skipped, and this parent gets one candidate only. Checked before opening anything.
            return NotReady($"the pending list reflects rollup {asOf}, but the head is now {inputs.ParentHash}: ask again once the mempool has dropped the head's transactions");
        }

        var (transactions, unincludable) = Open(pending, secrets, inputs, network.Rules.ChainId);
        UInt256 nonce;
        if (recorded)
        {
            if (held)
            {
                return Candidate(existing, unincludable);
            }

            // The L1 fork changed under the candidate (its dependency or the parent's inclusion block left the chain), so
            // it can never be published. Rebuild it on this fork with the same nonce: one nonce per parent is what keeps
            // a host from fishing for a better lottery draw, and the content is fixed by the L1 anyway.
            nonce = existing.Header.Nonce;
            ForgetCandidate(inputs.ParentHash);
            LogCandidateRebuilt(logger, _nodeId, inputs.ParentHash);
        }
        else
        {
            nonce = DrawNonce();
        }

        var built = RollupBuilder.Build(inputs, transactions, _options.MaxRollupTransactions, nonce, network.Context, secrets.Keys, Tee.EnclaveKey);
        _book.Record(built.Rollup);
        _candidateTransactions[built.Rollup.Header.Hash] = [.. built.Transactions.Select(t => t.Hash)];
        foreach (var stale in _candidateTransactions.Keys.Where(hash => !_book.Candidates.Any(c => c.Header.Hash == hash)).ToList())
        {
            _candidateTransactions.Remove(stale);
        }

        // Sealed and stored before anyone sees it: a restart must find this candidate, not draw a new nonce.
        await PersistAsync();
        _ledger.RememberOwn(built);
        LogCandidate(logger, _nodeId, built.Rollup.Header.Generation, built.Rollup.Header.Hash, built.Transactions.Count, pending.Count, unincludable.Count);
        return Candidate(built.Rollup, unincludable);
    }

    /// <summary>
    /// The pending transactions this enclave admitted (sealed by it or another enclave of the network), without a
    /// second signature recovery; those it cannot open or whose nonce the head has already used are reported for the
    /// mempool to drop.
    /// </summary>
    private static (List<L2Transaction> Transactions, List<Hash256> Unincludable) Open(
        IReadOnlyList<SealedTransaction> pending, Vault.NodeSecrets secrets, RollupInputs inputs, ulong chainId)
    {
        var transactions = new List<L2Transaction>();
        var unincludable = new List<Hash256>();
        var seen = new HashSet<Hash256>();
        foreach (var sealedTransaction in pending)
        {
            if (sealedTransaction is null || !seen.Add(sealedTransaction.TransactionHash))
            {
                continue;
            }

            if (!AdmittedTransactions.TryOpen(secrets.StateSealer, sealedTransaction, chainId, out var transaction)
                || transaction.Nonce < inputs.ParentState.GetAccount(transaction.Sender).Nonce)
            {
                unincludable.Add(sealedTransaction.TransactionHash);
                continue;
            }

            transactions.Add(transaction);
        }

        return (transactions, unincludable);
    }

    /// <summary>A recorded candidate can still be published on the current L1 fork: same parent inclusion proof, dependency still on the chain.</summary>
    private bool IsStillValid(SignedRollup candidate, RollupInputs inputs)
    {
        var header = candidate.Header;
        return header.Generation == inputs.Generation
            && header.InclusionBlockNumber == inputs.InclusionBlockNumber
            && header.InclusionBlockHash == inputs.InclusionBlockHash
            && _chain!.IsOnPath(header.DependencyBlockNumber, header.DependencyBlockHash);
    }

    /// <summary>Drops the candidate of one parent (CandidateBook has no removal, so the book is rebuilt without it).</summary>
    private void ForgetCandidate(Hash256 parentHash) =>
        RestoreCandidates([.. _book.Candidates
            .Where(c => c.Header.ParentHash != parentHash)
            .Select(c => new CandidateRecord(c.ToEnvelope(), _candidateTransactions.GetValueOrDefault(c.Header.Hash) ?? []))]);

    private void RestoreCandidates(IReadOnlyList<CandidateRecord> records)
    {
        _book = new CandidateBook();
        _candidateTransactions.Clear();
        foreach (var record in records)
        {
            var rollup = record.Rollup.ToSignedRollup();
            _book.Record(rollup);
            _candidateTransactions[rollup.Header.Hash] = record.Transactions;
        }
    }

    /// <summary>A 256-bit lottery nonce: fresh randomness, hashed with this activation's start-up proof so the delay's work is part of every draw.</summary>
    private UInt256 DrawNonce()
    {
        var input = new byte[_startupProof.Length + 32];
        _startupProof.CopyTo(input, 0);
        SystemRandomSource.Instance.Fill(input.AsSpan(_startupProof.Length));
        return UInt256.FromBigEndian(Keccak256.HashToArray(input));
    }

    private CandidateResult Candidate(SignedRollup rollup, IReadOnlyList<Hash256> unincludable) =>
        new(rollup.ToEnvelope(), _candidateTransactions.GetValueOrDefault(rollup.Header.Hash) ?? [], null) { Unincludable = unincludable };

    private static CandidateResult NotReady(string reason) => new(null, [], reason);
}
