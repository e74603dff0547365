using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Reveal;

/// <summary>
/// Checks a <see cref="RevealRelease"/> against the rollups the verifier fetched from L1 itself, and opens exactly the
/// released groups. Detects a wrong key, wrong positions, a rollup outside the interval and a missing rollup of the
/// interval; the message names the rollup.
/// </summary>
public static class RevealVerifier
{
    /// <param name="rollups">The canonical rollups of the interval, as published on L1 (header and blob).</param>
    /// <returns>The released transactions (signed bytes) of each rollup, in rollup order.</returns>
    public static IReadOnlyList<(SignedRollup Rollup, IReadOnlyList<byte[]> Transactions)> Verify(RevealRelease release, IReadOnlyList<SignedRollup> rollups, RevealSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(rollups);
        ArgumentNullException.ThrowIfNull(schedule);
        if (!release.IsSignedByEnclave()) throw new RevealVerificationException("the release is not signed by the enclave it names");
        var (first, last) = schedule.GenerationsOf(release.Option, release.Interval);
        var byHash = release.Entries.ToDictionary(e => e.RollupHash);
        using var key = RevealKey.FromBytes(release.Option, release.Interval, release.Key);
        var opened = new List<(SignedRollup, IReadOnlyList<byte[]>)>();
        foreach (var rollup in rollups.OrderBy(r => r.Header.Generation))
        {
            var header = rollup.Header;
            if (header.Generation < first || header.Generation > last)
            {
                throw new RevealVerificationException($"rollup {header.Hash} (generation {header.Generation}) is outside interval {release.Interval} of {release.Option} (generations {first}–{last})");
            }

            if (!byHash.TryGetValue(header.Hash, out var entry)) throw new RevealVerificationException($"the release has no entry for rollup {header.Hash} of the interval");
            if (!entry.HasGroup)
            {
                opened.Add((rollup, []));
                continue;
            }

            if (entry.Offset < 0 || entry.Length <= 0 || entry.Offset > rollup.Blob.Length - entry.Length)
            {
                throw new RevealVerificationException($"the position {entry.Offset}+{entry.Length} of rollup {header.Hash} is outside its {rollup.Blob.Length}-byte blob");
            }

            try
            {
                var context = new RollupContext(header.ParentHash, header.Generation, header.Aggregator);
                opened.Add((rollup, RollupBodyCodec.OpenGroup(rollup.Blob.AsSpan(entry.Offset, entry.Length), key, context)));
            }
            catch (RollupBodyException e)
            {
                throw new RevealVerificationException($"the key and position do not open rollup {header.Hash}'s {release.Option} group: {e.Message}");
            }
        }

        if (release.Entries.Count != rollups.Count)
        {
            throw new RevealVerificationException($"the release lists {release.Entries.Count} rollups but {rollups.Count} canonical rollups were given for the interval");
        }

        return opened;
    }
}
