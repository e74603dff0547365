using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>A small least-recently-used cache of fetched blocks by hash (a block's contents never change under its hash).</summary>
internal sealed class L1BlockCache(int capacity)
{
    private readonly Dictionary<Hash256, LinkedListNode<L1BlockMaterial>> _byHash = [];
    private readonly LinkedList<L1BlockMaterial> _recency = new();

    public bool TryGet(Hash256 hash, out L1BlockMaterial material)
    {
        if (_byHash.TryGetValue(hash, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            material = node.Value;
            return true;
        }

        material = null!;
        return false;
    }

    public void Add(L1BlockMaterial material)
    {
        if (_byHash.ContainsKey(material.ClaimedHash))
        {
            return;
        }

        _byHash[material.ClaimedHash] = _recency.AddFirst(material);
        if (_byHash.Count > capacity)
        {
            _byHash.Remove(_recency.Last!.Value.ClaimedHash);
            _recency.RemoveLast();
        }
    }
}
