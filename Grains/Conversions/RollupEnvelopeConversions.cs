using Obscuro.Grains.Node;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Grains.Conversions;

/// <summary>
/// Protocol's <see cref="SignedRollup"/> ↔ <see cref="RollupEnvelope"/>, the form a rollup travels in between grains
/// (all of it is public: it goes to L1 as it is). Shared by the enclave, which builds rollups, and the host, which
/// publishes them.
/// </summary>
public static class RollupEnvelopeConversions
{
    public static RollupEnvelope ToEnvelope(this SignedRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var header = rollup.Header;
        return new RollupEnvelope(
            header.ParentHash,
            header.Generation,
            header.InclusionBlockNumber,
            header.InclusionBlockHash,
            header.DependencyBlockNumber,
            header.DependencyBlockHash,
            header.Aggregator,
            header.Nonce,
            header.StateCommitment,
            header.BlobHash,
            header.EncryptedLayout.ToArray(),
            header.Withdrawals.Select(w => new WithdrawalEntry(w.Recipient, w.Token, w.Amount)).ToArray(),
            header.Rewards.Select(r => new RewardEntry(r.Recipient, r.Amount)).ToArray(),
            rollup.Blob.ToArray(),
            rollup.Signature.ToArray(),
            header.Hash);
    }

    /// <summary>
    /// The signed rollup the envelope describes. The header hash is recomputed from the fields, never taken from the
    /// envelope, and must match <see cref="RollupEnvelope.RollupHash"/>: an envelope whose fields were altered in transit
    /// (or whose hash was) is refused rather than published under a hash it does not have.
    /// </summary>
    /// <exception cref="ArgumentException">The recomputed hash is not <see cref="RollupEnvelope.RollupHash"/>.</exception>
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
            envelope.Withdrawals.Select(w => new Withdrawal(w.Recipient, w.Token, w.Amount)).ToArray(),
            envelope.Rewards.Select(r => new Reward(r.Recipient, r.Amount)).ToArray());
        if (header.Hash != envelope.RollupHash)
        {
            throw new ArgumentException(
                $"The rollup envelope names hash {envelope.RollupHash}, but its header fields hash to {header.Hash}.", nameof(envelope));
        }

        return new SignedRollup(header, envelope.Blob.ToArray(), envelope.Signature.ToArray());
    }
}
