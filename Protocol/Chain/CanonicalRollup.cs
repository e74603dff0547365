using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Chain;

/// <summary>A rollup on the canonical L2 chain of some L1 fork, and the L1 block (of that fork) it was published in.</summary>
public sealed record CanonicalRollup(BuiltRollup Rollup, L1BlockRef PublishedIn)
{
    public RollupHeader Header => Rollup.Rollup.Header;
}
