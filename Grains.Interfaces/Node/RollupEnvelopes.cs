using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Grains.Node;

/// <summary>Conversions between the protocol's <see cref="SignedRollup"/> and its wire form <see cref="RollupEnvelope"/>.</summary>
public static class RollupEnvelopes
{
    public static RollupEnvelope ToEnvelope(this SignedRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var h = rollup.Header;
        return new RollupEnvelope(
            h.ParentHash,
            h.Generation,
            h.InclusionBlockNumber,
            h.InclusionBlockHash,
            h.DependencyBlockNumber,
            h.DependencyBlockHash,
            h.Aggregator,
            h.Nonce,
            h.StateCommitment,
            h.BlobHash,
            h.EncryptedLayout.ToArray(),
            [.. h.Withdrawals.Select(w => new WithdrawalEntry(w.Recipient, w.Token, w.Amount))],
            [.. h.Rewards.Select(r => new RewardEntry(r.Recipient, r.Amount))],
            rollup.Blob,
            rollup.Signature,
            h.Hash);
    }

    /// <summary>The signed rollup; the header hash is recomputed and must equal the envelope's <see cref="RollupEnvelope.RollupHash"/>.</summary>
    /// <exception cref="ArgumentException">The envelope's fields do not hash to its rollup hash.</exception>
    public static SignedRollup ToSignedRollup(this RollupEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var header = new RollupHeader(
            envelope.ParentHash,
            envelope.Generation,
            envelope.InclusionBlockNumber,
            envelope.InclusionBlockHash,
            envelope.DependencyBlockNumber,
            envelope.DependencyBlockHash,
            envelope.Aggregator,
            envelope.Nonce,
            envelope.StateCommitment,
            envelope.BlobHash,
            envelope.EncryptedLayout,
            [.. envelope.Withdrawals.Select(w => new Withdrawal(w.Recipient, w.Token, w.Amount))],
            [.. envelope.Rewards.Select(r => new Reward(r.Recipient, r.Amount))]);
        if (header.Hash != envelope.RollupHash)
        {
            throw new ArgumentException($"The envelope's fields hash to {header.Hash}, not to its rollup hash {envelope.RollupHash}.", nameof(envelope));
        }

        return new SignedRollup(header, envelope.Blob, envelope.Signature);
    }
}
