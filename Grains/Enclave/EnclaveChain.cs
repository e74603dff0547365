using Obscuro.Grains.Node;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// The L1 chain as the enclave has verified it: the path of block hashes from the anchor to the last ingested block
/// (what a restart replays) and, for a window of recent blocks of every fork seen, what each block contributed. A block
/// joins only as the child of the anchor or of a block already here, which is what makes the whole path verified: each
/// block was checked against its parent's hash by <see cref="Contracts.Rpc.Verification.L1BlockVerifier.VerifyChild"/>.
/// </summary>
internal sealed class EnclaveChain : IDepositIndex
{
    private readonly List<Hash256> _path = [];
    private readonly Dictionary<Hash256, ChainBlock> _blocks = [];

    public EnclaveChain(L1BlockRef anchor)
    {
        Anchor = anchor;
    }

    public L1BlockRef Anchor { get; }

    /// <summary>Hashes of the blocks after the anchor on the current L1 fork, in order.</summary>
    public IReadOnlyList<Hash256> Path => _path;

    /// <summary>The last ingested block (the anchor before any).</summary>
    public L1BlockRef Tip => _path.Count == 0 ? Anchor : _blocks[_path[^1]].Ref;

    /// <summary>The registry after the last ingested block.</summary>
    public RegistryView Registry => _path.Count == 0 ? RegistryView.Empty : _blocks[_path[^1]].Registry;

    public L1BlockNotice? LastIngested => _path.Count == 0 ? null : ToNotice(Tip);

    public static L1BlockNotice ToNotice(L1BlockRef block) => new(block.Hash, block.ParentHash, block.Number);

    /// <summary>The notice of path entry <paramref name="index"/>: parents are implied by the order.</summary>
    public static L1BlockNotice NoticeAt(L1BlockRef anchor, IReadOnlyList<Hash256> path, int index)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new L1BlockNotice(path[index], index == 0 ? anchor.Hash : path[index - 1], anchor.Number + 1 + (ulong)index);
    }

    public ChainBlock? Find(in Hash256 hash) => _blocks.GetValueOrDefault(hash);

    /// <summary>The anchor or a retained block with this hash, with the registry after it.</summary>
    public bool TryGetParent(in Hash256 hash, out L1BlockRef parent, out RegistryView registry)
    {
        if (hash == Anchor.Hash)
        {
            (parent, registry) = (Anchor, RegistryView.Empty);
            return true;
        }

        if (_blocks.TryGetValue(hash, out var block))
        {
            (parent, registry) = (block.Ref, block.Registry);
            return true;
        }

        (parent, registry) = (default, RegistryView.Empty);
        return false;
    }

    /// <summary>True when block <paramref name="number"/> of the current fork is <paramref name="hash"/> (the anchor counts).</summary>
    public bool IsOnPath(ulong number, in Hash256 hash)
    {
        if (number == Anchor.Number) return hash == Anchor.Hash;
        if (number < Anchor.Number) return false;
        var index = number - Anchor.Number - 1;
        return index < (ulong)_path.Count && _path[(int)index] == hash;
    }

    /// <summary>Adds a verified child of a known block and makes it the tip (switching forks if its parent is not the tip).</summary>
    public void Add(ChainBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!TryGetParent(block.Ref.ParentHash, out var parent, out _) || parent.Number + 1 != block.Ref.Number)
        {
            throw new InvalidOperationException($"L1 block {block.Ref.Number} {block.Ref.Hash} is not the child of a block this enclave has verified.");
        }

        _blocks[block.Ref.Hash] = block;
        MoveTo(block.Ref.Hash);
    }

    /// <summary>Makes a known block the tip: the path becomes the anchor's chain down to it.</summary>
    public void MoveTo(in Hash256 hash)
    {
        if (hash == Anchor.Hash)
        {
            _path.Clear();
            return;
        }

        var branch = new Stack<Hash256>();
        var cursor = hash;
        while (!IsOnPath(NumberOf(cursor), cursor))
        {
            var block = _blocks.GetValueOrDefault(cursor)
                ?? throw new InvalidOperationException($"L1 block {cursor} links to blocks this enclave no longer retains; it cannot switch to that fork.");
            branch.Push(cursor);
            cursor = block.Ref.ParentHash;
        }

        var keep = (int)(NumberOf(cursor) - Anchor.Number);
        _path.RemoveRange(keep, _path.Count - keep);
        _path.AddRange(branch);
    }

    /// <summary>Deposits of the blocks from <paramref name="from"/> back to (excluding) block number <paramref name="aboveNumber"/>, as far as retained.</summary>
    public IEnumerable<L1Deposit> DepositsDownTo(Hash256 from, ulong aboveNumber)
    {
        var cursor = from;
        while (_blocks.TryGetValue(cursor, out var block) && block.Ref.Number > aboveNumber)
        {
            foreach (var deposit in block.Deposits)
            {
                yield return deposit;
            }

            cursor = block.Ref.ParentHash;
        }
    }

    /// <summary>Forgets blocks more than <paramref name="retained"/> below the tip (the path keeps their hashes).</summary>
    public void Prune(int retained)
    {
        var tip = Tip.Number;
        if (tip <= (ulong)retained) return;
        var oldest = tip - (ulong)retained;
        foreach (var hash in _blocks.Where(kv => kv.Value.Ref.Number < oldest).Select(kv => kv.Key).ToList())
        {
            _blocks.Remove(hash);
        }
    }

    private ulong NumberOf(in Hash256 hash) =>
        hash == Anchor.Hash ? Anchor.Number
        : _blocks.TryGetValue(hash, out var block) ? block.Ref.Number
        : throw new InvalidOperationException($"L1 block {hash} is not retained by this enclave.");
}
