using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// Validates a received rollup by recomputing all of it from the same inputs the builder had: header fields against
/// the L1-derived inputs, the signature, the blob hash, the body, every transaction, the withdrawal and reward lists
/// and the state commitment. The first mismatch is reported with its reason; nothing is changed on rejection.
/// </summary>
public static class RollupValidator
{
    public static BuiltRollup Validate(RollupInputs inputs, SignedRollup rollup, NetworkContext network, KeySchedule keys, ITransactionDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(rollup);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(decoder);
        var header = rollup.Header;

        CheckHeaderAgainstInputs(header, inputs);
        var signer = RollupSignature.RecoverSigner(header, network, rollup.Signature);
        Require(signer == header.Aggregator, RollupRejection.BadSignature, $"signature recovers to {signer?.ToString() ?? "nothing"}, not the aggregator {header.Aggregator}");
        Require(Keccak256.Hash(rollup.Blob) == header.BlobHash, RollupRejection.BlobHashMismatch, "the blob does not hash to the header's blob hash");

        var context = new RollupContext(header.ParentHash, header.Generation, header.Aggregator);
        List<BodyTransaction> body;
        RollupLayout layout;
        try
        {
            (layout, body) = RollupBodyCodec.Decode(rollup.Blob, header.EncryptedLayout.Span, context, network.Schedule, keys);
        }
        catch (RollupBodyException e)
        {
            throw new RollupRejectedException(RollupRejection.InvalidBody, e.Message);
        }

        var execution = new RollupExecution(inputs, network.Rules);
        for (var i = 0; i < body.Count; i++)
        {
            L2Transaction tx;
            try
            {
                tx = decoder.Decode(body[i].Raw);
            }
            catch (TransactionRejectedException e)
            {
                throw new RollupRejectedException(RollupRejection.InvalidTransaction, $"transaction {i}: {e.Message}");
            }

            Require(execution.OptionOf(tx) == body[i].Option, RollupRejection.WrongOption, $"transaction {i} ({tx.Hash}) is in group {body[i].Option}, its contract's option is {execution.OptionOf(tx)}");
            var rejection = execution.CheckInclusion(tx);
            Require(rejection == InclusionRejection.None, RollupRejection.TransactionNotIncludable, $"transaction {i} ({tx.Hash}) cannot be included: {rejection}");
            execution.Apply(tx);
        }

        Require(execution.Withdrawals.SequenceEqual(header.Withdrawals), RollupRejection.WithdrawalsMismatch, "the withdrawal list differs from the one execution produces");
        Require(execution.RewardsPaid.SequenceEqual(header.Rewards), RollupRejection.RewardsMismatch, "the reward list differs from the rewards due");
        var state = execution.Commit();
        using var commitmentKey = keys.StateCommitmentKey();
        Require(StateCommitment.Compute(commitmentKey, state.ComputeRoot()) == header.StateCommitment, RollupRejection.StateCommitmentMismatch, "the state commitment differs from the state execution produces");
        return new BuiltRollup(rollup, state, execution.Receipts, execution.Included, layout, inputs.Rewards);
    }

    /// <summary>The checks that depend on the L1 fork rather than on the rollup's own bytes.</summary>
    public static void CheckHeaderAgainstInputs(RollupHeader header, RollupInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(inputs);
        Require(header.ParentHash == inputs.ParentHash, RollupRejection.WrongParent, $"parent {header.ParentHash} is not {inputs.ParentHash}");
        Require(header.Generation == inputs.Generation, RollupRejection.WrongGeneration, $"generation {header.Generation}, expected {inputs.Generation}");
        Require(header.InclusionBlockNumber == inputs.InclusionBlockNumber && header.InclusionBlockHash == inputs.InclusionBlockHash,
            RollupRejection.WrongInclusionProof, $"inclusion proof names block {header.InclusionBlockNumber} {header.InclusionBlockHash}, but the parent was published in {inputs.InclusionBlockNumber} {inputs.InclusionBlockHash}");
        Require(header.DependencyBlockNumber == inputs.DependencyBlockNumber && header.DependencyBlockHash == inputs.DependencyBlockHash,
            RollupRejection.WrongDependency, $"dependency {header.DependencyBlockNumber} {header.DependencyBlockHash} does not match the ledger's {inputs.DependencyBlockNumber} {inputs.DependencyBlockHash}");
    }

    private static void Require(bool condition, RollupRejection reason, string message)
    {
        if (!condition) throw new RollupRejectedException(reason, $"Rollup rejected ({reason}): {message}.");
    }
}
