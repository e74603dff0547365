using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Chain;

/// <summary>What the ledger concluded about one published rollup in one L1 block.</summary>
public sealed record RollupOutcome(Hash256 RollupHash, ulong Generation, RollupStanding Standing, RollupRejection Rejection, string? Reason);

/// <summary>The standing of a published rollup on the fork that contains it.</summary>
public enum RollupStanding : byte
{
    /// <summary>Became the canonical head (first valid child of the previous head on this L1 fork).</summary>
    Canonical,

    /// <summary>Valid, but a sibling was published first: it takes part in its round's rewards only.</summary>
    Sibling,

    /// <summary>Not built on the canonical chain (a fork of an older rollup or an unknown parent): ignored.</summary>
    Ignored,

    /// <summary>Built on the canonical chain but invalid; see the rejection.</summary>
    Rejected,
}
