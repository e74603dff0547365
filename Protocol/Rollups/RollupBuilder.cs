using System.Buffers.Binary;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// Builds and signs a candidate rollup from pending transactions (the enclave's step 3 of the data flow). Order is
/// deterministic and fair: each sender's transactions by nonce, senders interleaved round-robin in an order drawn
/// from the parent hash, so no sender can buy or grind an earlier slot.
/// </summary>
public static class RollupBuilder
{
    public static BuiltRollup Build(
        RollupInputs inputs,
        IEnumerable<L2Transaction> pending,
        int maxTransactions,
        UInt256 nonce,
        NetworkContext network,
        KeySchedule keys,
        ISigner enclaveKey)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(enclaveKey);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTransactions);

        var execution = new RollupExecution(inputs, network.Rules);
        foreach (var tx in Order(pending, inputs.ParentHash))
        {
            if (execution.Included.Count >= maxTransactions) break;
            if (execution.CheckInclusion(tx) == InclusionRejection.None) execution.Apply(tx);
        }

        var state = execution.Commit();
        var context = new RollupContext(inputs.ParentHash, inputs.Generation, enclaveKey.Address);
        var body = RollupBodyCodec.Encode(execution.Body, context, network.Schedule, keys);
        using var commitmentKey = keys.StateCommitmentKey();
        var header = new RollupHeader(
            inputs.ParentHash, inputs.Generation, inputs.InclusionBlockNumber, inputs.InclusionBlockHash,
            inputs.DependencyBlockNumber, inputs.DependencyBlockHash, enclaveKey.Address, nonce,
            StateCommitment.Compute(commitmentKey, state.ComputeRoot()), Keccak256.Hash(body.Blob), body.EncryptedLayout,
            execution.Withdrawals, execution.RewardsPaid);
        var signed = new SignedRollup(header, body.Blob, RollupSignature.Sign(header, network, enclaveKey));
        return new BuiltRollup(signed, state, execution.Receipts, execution.Included, body.Layout, inputs.Rewards);
    }

    /// <summary>
    /// Round-robin over senders (ordered by keccak(parentHash ‖ sender)), each sender's transactions by nonce. A sender
    /// whose next transaction cannot be included is simply skipped by the builder; the rest stay pending.
    /// </summary>
    public static IEnumerable<L2Transaction> Order(IEnumerable<L2Transaction> pending, Hash256 parentHash)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var bySender = pending
            .GroupBy(tx => tx.Sender)
            .Select(g => (Rank: SenderRank(parentHash, g.Key), Queue: new Queue<L2Transaction>(g.OrderBy(tx => tx.Nonce).ThenBy(tx => tx.Hash))))
            .OrderBy(s => s.Rank)
            .Select(s => s.Queue)
            .ToList();
        while (bySender.Count > 0)
        {
            for (var i = 0; i < bySender.Count; i++)
            {
                yield return bySender[i].Dequeue();
            }

            bySender.RemoveAll(q => q.Count == 0);
        }
    }

    private static Hash256 SenderRank(Hash256 parentHash, Address sender)
    {
        Span<byte> input = stackalloc byte[Hash256.Size + Address.Size];
        parentHash.CopyTo(input);
        sender.CopyTo(input[Hash256.Size..]);
        return Keccak256.Hash(input);
    }
}
