using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>A rollup's record on one node, and children that were announced before the rollup itself was recorded.</summary>
[GenerateSerializer]
[Alias("Obscuro.RollupState")]
public sealed class RollupState
{
    [Id(0)]
    public RollupRecord? Record { get; set; }

    [Id(1)]
    public List<Hash256> Children { get; set; } = [];
}
