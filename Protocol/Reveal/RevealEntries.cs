using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Reveal;

/// <summary>
/// Where a rollup keeps one option's group, read from its layout: the layout the enclave kept when it built or
/// validated the rollup, or the encrypted layout of the published header opened with the layout key (for rollups the
/// enclave no longer holds in memory). Only the released option's position comes out; the layout stays secret.
/// </summary>
public static class RevealEntries
{
    /// <summary>The entry of <paramref name="option"/> in a rollup whose layout is known.</summary>
    /// <exception cref="InvalidOperationException">The group is labelled with another interval than <paramref name="interval"/>.</exception>
    public static RevealEntry From(RollupHeader header, RollupLayout layout, RevealOption option, ulong interval)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(layout);
        var group = layout.Groups.SingleOrDefault(g => g.Option == option);
        if (group is null) return new RevealEntry(header.Hash, header.Generation, false, 0, 0);
        if (group.Interval != interval)
        {
            throw new InvalidOperationException($"Rollup {header.Hash} (generation {header.Generation}) holds its {option} group under interval {group.Interval}, not {interval}.");
        }

        return new RevealEntry(header.Hash, header.Generation, true, group.Offset, group.Length);
    }

    /// <summary>The entry of <paramref name="option"/> in a published rollup, opening its layout with the layout key.</summary>
    /// <exception cref="RollupBodyException">The blob does not match the header, or the layout does not open or parse.</exception>
    public static RevealEntry Open(SignedRollup rollup, SymmetricKey layoutKey, RevealOption option, ulong interval)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        ArgumentNullException.ThrowIfNull(layoutKey);
        var header = rollup.Header;
        if (Keccak256.Hash(rollup.Blob) != header.BlobHash) throw new RollupBodyException($"the blob of rollup {header.Hash} does not hash to its header's blob hash");
        var context = new RollupContext(header.ParentHash, header.Generation, header.Aggregator);
        var plaintext = new byte[RollupCipher.PlaintextLength(header.EncryptedLayout.Length)];
        if (!RollupCipher.TryDecryptLayout(layoutKey, context, header.EncryptedLayout.Span, plaintext, out var length, out var rejection))
        {
            throw new RollupBodyException($"the layout of rollup {header.Hash} does not decrypt ({rejection})");
        }

        var layout = RollupLayout.Decode(plaintext.AsSpan(0, length), rollup.Blob.Length);
        return From(header, layout, option, interval);
    }
}
