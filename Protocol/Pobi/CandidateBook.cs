using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Pobi;

/// <summary>
/// The enclave's record of the one candidate it produced per parent rollup (spec "Preventing repeated random number
/// generation"). Asking again for the same parent returns the same signed candidate, so the host cannot fish for a
/// lower nonce; the enclave persists this book (sealed) before it releases a candidate, and the start-up delay bounds
/// what a restart could gain if the host rolled the sealed state back.
/// </summary>
public sealed class CandidateBook
{
    /// <summary>Entries kept below the newest generation; older rounds are long decided.</summary>
    public const ulong RetainedGenerations = 256;

    private readonly Dictionary<Hash256, SignedRollup> _byParent = [];

    public int Count => _byParent.Count;

    public IEnumerable<SignedRollup> Candidates => _byParent.Values;

    public bool TryGet(Hash256 parentHash, out SignedRollup candidate) => _byParent.TryGetValue(parentHash, out candidate!);

    /// <summary>Records the candidate for its parent; a second, different candidate for the same parent is refused.</summary>
    public void Record(SignedRollup candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var parent = candidate.Header.ParentHash;
        if (_byParent.TryGetValue(parent, out var existing))
        {
            if (existing.Header.Hash == candidate.Header.Hash) return;
            throw new InvalidOperationException($"A candidate for parent {parent} was already produced ({existing.Header.Hash}); one nonce per parent.");
        }

        _byParent[parent] = candidate;
        var newest = _byParent.Values.Max(c => c.Header.Generation);
        if (newest > RetainedGenerations)
        {
            foreach (var old in _byParent.Where(kv => kv.Value.Header.Generation < newest - RetainedGenerations).Select(kv => kv.Key).ToList())
            {
                _byParent.Remove(old);
            }
        }
    }
}
