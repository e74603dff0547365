using System.Collections.Immutable;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Pobi;
using Obscuro.Protocol.State;

namespace Obscuro.Protocol.Chain;

/// <summary>
/// The L2 as seen from one L1 block of one fork: the canonical rollup head after that block, a window of canonical
/// ancestors, the published candidates of recent rounds, and the node registry. Immutable; a new L1 block makes a new
/// snapshot that shares everything else with its parent's, so switching forks is picking another snapshot.
/// </summary>
public sealed record LedgerSnapshot(
    L1BlockRef Block,
    CanonicalRollup? Head,
    ImmutableDictionary<ulong, CanonicalRollup> CanonicalByGeneration,
    ImmutableDictionary<Hash256, ImmutableList<PublishedCandidate>> Rounds,
    ImmutableDictionary<Address, Address> OperatorOf)
{
    /// <summary>The L2 state after the canonical head (genesis state before the first rollup).</summary>
    public L2State State => Head?.Rollup.State ?? L2State.Genesis;

    /// <summary>
    /// The L2 fee per gas unit governance has set on L1 as of <see cref="Block"/> (from verified ParameterChanged
    /// events); null while L1 has set none, when the protocol's default fee applies. Admission charges by it.
    /// </summary>
    public UInt256? FeePerGas { get; init; }

    /// <summary>
    /// The default reveal option governance has set on L1 as of <see cref="Block"/> (from verified RevealParametersSet
    /// events); null while L1 has set none, when the rules' default applies.
    /// </summary>
    public Crypto.RevealOption? DefaultRevealOption { get; init; }

    public CanonicalRollup? CanonicalAt(ulong generation) => CanonicalByGeneration.TryGetValue(generation, out var rollup) ? rollup : null;

    public bool IsCanonical(Hash256 rollupHash, ulong generation) => CanonicalAt(generation)?.Header.Hash == rollupHash;
}
