using Obscuro.Grains.Node;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.State;

namespace Obscuro.Grains.Vault;

/// <summary>
/// The enclave's latest head, which is L1-included by construction (the ledger only follows rollups found in verified
/// L1 blocks): the state after the canonical rollup, that rollup as an anchor (null before the genesis rollup), and the
/// L1 block the enclave last ingested. Immutable, so readers never see half an update.
/// </summary>
public sealed record VaultHead(L2State State, RollupAnchor? Anchor, L1BlockNotice? Block)
{
    public static VaultHead Empty { get; } = new(L2State.Genesis, null, null);

    public override string ToString() => $"VaultHead(rollup {Anchor?.RollupHash.ToString() ?? "none"}, L1 block {Block?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
}
