using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Reveal;

/// <summary>
/// Checks a <see cref="RevealRelease"/> against the rollups the verifier fetched from L1 itself, and opens exactly the
/// released groups. Detects a wrong key, wrong positions, a rollup outside the interval, a missing rollup of the
/// interval and rollups that are not one chain; <see cref="RevealVerificationException.Failure"/> says which kind, the
/// message names the rollup.
/// </summary>
public static class RevealVerifier
{
    /// <param name="rollups">The canonical rollups of the interval, as published on L1 (header and blob): every generation
    /// of the interval, each the parent of the next.</param>
    /// <returns>The released transactions (signed bytes) of each rollup, in rollup order.</returns>
    public static IReadOnlyList<(SignedRollup Rollup, IReadOnlyList<byte[]> Transactions)> Verify(RevealRelease release, IReadOnlyList<SignedRollup> rollups, RevealSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!release.IsSignedByEnclave()) throw Fail(RevealFailure.Signature, "the release is not signed by the enclave it names");
        return Open(release, rollups, schedule);
    }

    /// <summary>
    /// As <see cref="Verify"/> without the signature check: whether the key and positions, wherever they came from (a
    /// key someone published, a release file edited by hand), open exactly the interval's groups in the given rollups.
    /// </summary>
    public static IReadOnlyList<(SignedRollup Rollup, IReadOnlyList<byte[]> Transactions)> Open(RevealRelease release, IReadOnlyList<SignedRollup> rollups, RevealSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(rollups);
        ArgumentNullException.ThrowIfNull(schedule);
        if (release.Key.Length != RevealKey.Size) throw Fail(RevealFailure.Key, $"a reveal key is {RevealKey.Size} bytes, not {release.Key.Length}");
        var (first, last) = schedule.GenerationsOf(release.Option, release.Interval);
        var byHash = new Dictionary<Hash256, RevealEntry>();
        foreach (var e in release.Entries)
        {
            if (!byHash.TryAdd(e.RollupHash, e)) throw Fail(RevealFailure.Rollups, $"the release lists rollup {e.RollupHash} twice");
        }

        using var key = RevealKey.FromBytes(release.Option, release.Interval, release.Key);
        var opened = new List<(SignedRollup, IReadOnlyList<byte[]>)>();
        SignedRollup? previous = null;
        foreach (var rollup in rollups.OrderBy(r => r.Header.Generation))
        {
            var header = rollup.Header;
            if (header.Generation < first || header.Generation > last)
            {
                throw Fail(RevealFailure.Rollups, $"rollup {header.Hash} (generation {header.Generation}) is outside interval {release.Interval} of {release.Option} (generations {first}–{last})");
            }

            var expected = previous is null ? first : previous.Header.Generation + 1;
            if (header.Generation != expected || (previous is not null && header.ParentHash != previous.Header.Hash))
            {
                throw Fail(RevealFailure.Rollups, $"the rollups do not form the chain of generations {first}–{last}: generation {expected} is missing or rollup {header.Hash} is not its successor");
            }

            previous = rollup;
            if (!byHash.TryGetValue(header.Hash, out var entry)) throw Fail(RevealFailure.Rollups, $"the release has no entry for rollup {header.Hash} of the interval");
            if (entry.Generation != header.Generation) throw Fail(RevealFailure.Rollups, $"the release places rollup {header.Hash} at generation {entry.Generation}, L1 at {header.Generation}");
            if (!entry.HasGroup)
            {
                opened.Add((rollup, []));
                continue;
            }

            if (entry.Offset < 0 || entry.Length <= 0 || entry.Offset > rollup.Blob.Length - entry.Length)
            {
                throw Fail(RevealFailure.Positions, $"the position {entry.Offset}+{entry.Length} of rollup {header.Hash} is outside its {rollup.Blob.Length}-byte blob");
            }

            var context = new RollupContext(header.ParentHash, header.Generation, header.Aggregator);
            var group = rollup.Blob.AsSpan(entry.Offset, entry.Length);
            var plaintext = new byte[RollupCipher.PlaintextLength(group.Length)];
            if (!RollupCipher.TryDecryptGroup(key, context, group, plaintext, out var length, out var rejection))
            {
                // A group ciphertext starts with its format version and is longer than the overhead: a slice that does
                // not is a wrong position whatever the key. Past that, AES-GCM cannot tell a wrong key from a wrong end.
                var failure = rejection is CiphertextRejection.UnsupportedVersion or CiphertextRejection.TooShort ? RevealFailure.Positions : RevealFailure.Key;
                throw Fail(failure, $"the key and position do not open rollup {header.Hash}'s {release.Option} group ({rejection})");
            }

            try
            {
                opened.Add((rollup, GroupCompression.Unpack(plaintext.AsSpan(0, length), RollupBodyCodec.MaxGroupPlaintextBytes)));
            }
            catch (RollupBodyException e)
            {
                throw Fail(RevealFailure.Positions, $"the key and position do not open rollup {header.Hash}'s {release.Option} group: {e.Message}");
            }
        }

        if (previous is null || previous.Header.Generation != last)
        {
            throw Fail(RevealFailure.Rollups, $"the rollups end at generation {(previous is null ? "none" : previous.Header.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture))}, the interval at {last}");
        }

        if (release.Entries.Count != rollups.Count)
        {
            throw Fail(RevealFailure.Rollups, $"the release lists {release.Entries.Count} rollups but {rollups.Count} canonical rollups were given for the interval");
        }

        return opened;
    }

    private static RevealVerificationException Fail(RevealFailure failure, string message) => new(failure, message);
}
