using Obscuro.Grains.Node;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.State;

namespace Obscuro.Grains.Vault;

/// <summary>
/// The enclave's latest ledger snapshot, which is L1-included by construction (the ledger only follows rollups found
/// in verified L1 blocks), and the L1 block the enclave last ingested. Immutable, so readers never see half an update.
/// </summary>
public sealed record VaultHead(LedgerSnapshot? Ledger, L1BlockNotice? Block)
{
    public static VaultHead Empty { get; } = new(null, null);

    /// <summary>The state after the canonical head (genesis state before the first rollup).</summary>
    public L2State State => Ledger?.State ?? L2State.Genesis;

    /// <summary>The canonical head rollup and the L1 block it was published in; null before the genesis rollup.</summary>
    public RollupAnchor? Anchor => Ledger?.Head is { } head ? new RollupAnchor(head.Header.Hash, head.Header.Generation, head.PublishedIn.Number, head.PublishedIn.Hash) : null;

    /// <summary>True when <paramref name="anchor"/> names a rollup of the current canonical chain, published in the L1 block it names.</summary>
    public bool IsCanonical(in RollupAnchor anchor) =>
        Ledger?.CanonicalAt(anchor.Generation) is { } rollup && rollup.Header.Hash == anchor.RollupHash && rollup.PublishedIn.Hash == anchor.L1BlockHash;

    /// <summary>
    /// False when generation <paramref name="generation"/>'s canonical rollup is known and is not <paramref name="rollupHash"/>, or
    /// lies above the head; true otherwise (including generations older than the ledger's window, which no reorg reaches).
    /// </summary>
    public bool MayBeCanonical(ulong generation, in Hash256 rollupHash)
    {
        if (Ledger?.Head is not { } head || generation > head.Header.Generation)
        {
            return false;
        }

        return Ledger.CanonicalAt(generation) is not { } rollup || rollup.Header.Hash == rollupHash;
    }

    public override string ToString() => $"VaultHead(rollup {Anchor?.RollupHash.ToString() ?? "none"}, L1 block {Block?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
}
