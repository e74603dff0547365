using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Pobi;

/// <summary>
/// The POBI lottery rules as pure functions. A round is the set of candidates built on one parent rollup; each enclave
/// contributes at most one (one nonce per parent). The winner is the lowest nonce; ties (2⁻²⁵⁶) break by rollup hash
/// so every node picks the same one.
/// </summary>
public static class Lottery
{
    /// <summary>True when <paramref name="a"/> beats <paramref name="b"/>.</summary>
    public static bool Beats(in UInt256 aNonce, in Hash256 aHash, in UInt256 bNonce, in Hash256 bHash) =>
        aNonce < bNonce || (aNonce == bNonce && aHash < bHash);

    /// <summary>Index of the winning candidate, or -1 for none.</summary>
    public static int Winner<T>(IReadOnlyList<T> candidates, Func<T, UInt256> nonce, Func<T, Hash256> hash)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(hash);
        var best = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (best < 0 || Beats(nonce(candidates[i]), hash(candidates[i]), nonce(candidates[best]), hash(candidates[best])))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// Reward class of each rollup of one round that reached L1, given the L1 block in which their parent was
    /// published. Only the lowest nonce among the published ones earns anything: <see cref="RewardClass.Full"/> in
    /// the next block, <see cref="RewardClass.Minimal"/> one block later (gas cover, also for a fallback publisher
    /// when the winner stayed silent), and nothing after that. A higher-nonce rollup that beat the winner to L1 is a
    /// front-runner and earns nothing even if, being first, it became the canonical child.
    /// </summary>
    public static RewardClass[] Classify(ulong parentInclusionBlock, IReadOnlyList<PublishedCandidate> published)
    {
        ArgumentNullException.ThrowIfNull(published);
        var classes = new RewardClass[published.Count];
        var winner = Winner(published, c => c.Nonce, c => c.RollupHash);
        if (winner < 0) return classes;
        var delay = published[winner].L1BlockNumber - parentInclusionBlock;
        classes[winner] = published[winner].L1BlockNumber <= parentInclusionBlock ? RewardClass.None
            : delay == 1 ? RewardClass.Full
            : delay == 2 ? RewardClass.Minimal
            : RewardClass.None;
        return classes;
    }
}
