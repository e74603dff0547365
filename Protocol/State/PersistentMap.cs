using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.State;

/// <summary>
/// An immutable map from 256-bit keys to fixed-size values: a hash array mapped trie (32-way, five key bits per
/// level). Updating returns a new map that shares every untouched node with the old one, so keeping the state of
/// every rollup of several forks costs memory proportional to what each rollup touched, not to the state size.
/// <para>
/// Keys must be uniformly distributed (addresses and Keccak outputs are). Entries are never removed, which makes the
/// trie's shape a function of its key set alone, so equal maps have equal <see cref="RootHash"/> on every node
/// regardless of the order of updates. Each node caches a SHA-256 over its entries and children's hashes, computed
/// when the node is created, so the root hash of a new version costs only the nodes on the updated paths.
/// </para>
/// </summary>
public sealed class PersistentMap<TValue>
    where TValue : struct, IStateValue<TValue>
{
    public static readonly PersistentMap<TValue> Empty = new(Node.CreateEmpty(), 0);

    private readonly Node _root;

    private PersistentMap(Node root, int count)
    {
        _root = root;
        Count = count;
    }

    public int Count { get; }

    /// <summary>Merkle root over the whole map (SHA-256; never leaves the enclave unkeyed).</summary>
    public Hash256 RootHash => _root.Hash;

    public bool TryGetValue(in Hash256 key, out TValue value)
    {
        var node = _root;
        for (var level = 0; ; level++)
        {
            var bit = 1u << key.Slot(level);
            if ((node.EntryMap & bit) != 0)
            {
                var index = BitOperations.PopCount(node.EntryMap & (bit - 1));
                if (node.Keys[index] == key)
                {
                    value = node.Values[index];
                    return true;
                }

                break;
            }

            if ((node.ChildMap & bit) == 0) break;
            node = node.Children[BitOperations.PopCount(node.ChildMap & (bit - 1))];
        }

        value = default;
        return false;
    }

    public TValue GetValueOrDefault(in Hash256 key) => TryGetValue(key, out var value) ? value : default;

    public PersistentMap<TValue> SetItem(in Hash256 key, in TValue value) => SetItems([new(key, value)]);

    /// <summary>Applies a batch of updates. Nodes created within the batch are edited in place, so a batch touching
    /// k keys allocates about one path copy per touched node rather than one per update.</summary>
    public PersistentMap<TValue> SetItems(IEnumerable<KeyValuePair<Hash256, TValue>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var batch = new Batch();
        var root = _root;
        foreach (var (key, value) in items)
        {
            root = Node.Set(root, key, value, 0, batch);
        }

        if (ReferenceEquals(root, _root)) return this;
        root.ComputeHashes(batch);
        return new PersistentMap<TValue>(root, Count + batch.Added);
    }

    /// <summary>All entries in key order (for tests, audits and state export; not on any hot path).</summary>
    public IEnumerable<KeyValuePair<Hash256, TValue>> Enumerate()
    {
        var stack = new Stack<Node>();
        stack.Push(_root);
        var result = new List<KeyValuePair<Hash256, TValue>>();
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            for (var i = 0; i < node.Keys.Length; i++) result.Add(new(node.Keys[i], node.Values[i]));
            foreach (var child in node.Children) stack.Push(child);
        }

        result.Sort((a, b) => a.Key.CompareTo(b.Key));
        return result;
    }

    /// <summary>Identifies the nodes created by one batch: only those may be mutated, and only during that batch.</summary>
    private sealed class Batch
    {
        public int Added;
    }

    private sealed class Node
    {
        public uint EntryMap;
        public uint ChildMap;
        public Hash256[] Keys = [];
        public TValue[] Values = [];
        public Node[] Children = [];
        public Batch? Owner;
        public Hash256 Hash;

        public static Node CreateEmpty()
        {
            var node = new Node();
            node.ComputeHashes(null);
            return node;
        }

        public static Node Set(Node node, in Hash256 key, in TValue value, int level, Batch batch)
        {
            var bit = 1u << key.Slot(level);
            if ((node.EntryMap & bit) != 0)
            {
                var index = BitOperations.PopCount(node.EntryMap & (bit - 1));
                if (node.Keys[index] == key)
                {
                    if (node.Values[index].Equals(value)) return node;
                    var edited = Editable(node, batch);
                    edited.Values[index] = value;
                    return edited;
                }

                // Two keys share this slot: both move one level down into a new child.
                var child = Pair(node.Keys[index], node.Values[index], key, value, level + 1, batch);
                batch.Added++;
                return ReplaceEntryWithChild(node, index, bit, child, batch);
            }

            if ((node.ChildMap & bit) != 0)
            {
                var childIndex = BitOperations.PopCount(node.ChildMap & (bit - 1));
                var oldChild = node.Children[childIndex];
                var newChild = Set(oldChild, key, value, level + 1, batch);
                if (ReferenceEquals(oldChild, newChild)) return node;
                var edited = Editable(node, batch);
                edited.Children[childIndex] = newChild;
                return edited;
            }

            batch.Added++;
            return InsertEntry(node, bit, key, value, batch);
        }

        private static Node Editable(Node node, Batch batch)
        {
            if (ReferenceEquals(node.Owner, batch)) return node;
            return new Node
            {
                EntryMap = node.EntryMap,
                ChildMap = node.ChildMap,
                Keys = node.Keys,   // keys of an existing node never change in place
                Values = (TValue[])node.Values.Clone(),
                Children = (Node[])node.Children.Clone(),
                Owner = batch,
            };
        }

        private static Node InsertEntry(Node node, uint bit, in Hash256 key, in TValue value, Batch batch)
        {
            var index = BitOperations.PopCount(node.EntryMap & (bit - 1));
            var result = ReferenceEquals(node.Owner, batch) ? node : new Node { ChildMap = node.ChildMap, Children = (Node[])node.Children.Clone(), Owner = batch };
            result.Keys = Inserted(node.Keys, index, key);
            result.Values = Inserted(node.Values, index, value);
            result.EntryMap = node.EntryMap | bit;
            return result;
        }

        private static Node ReplaceEntryWithChild(Node node, int entryIndex, uint bit, Node child, Batch batch)
        {
            var childIndex = BitOperations.PopCount(node.ChildMap & (bit - 1));
            var result = ReferenceEquals(node.Owner, batch) ? node : new Node { Owner = batch };
            result.Keys = Removed(node.Keys, entryIndex);
            result.Values = Removed(node.Values, entryIndex);
            result.Children = Inserted(node.Children, childIndex, child);
            result.EntryMap = node.EntryMap & ~bit;
            result.ChildMap = node.ChildMap | bit;
            return result;
        }

        private static Node Pair(in Hash256 k1, in TValue v1, in Hash256 k2, in TValue v2, int level, Batch batch)
        {
            var s1 = k1.Slot(level);
            var s2 = k2.Slot(level);
            if (s1 == s2)
            {
                return new Node { ChildMap = 1u << s1, Children = [Pair(k1, v1, k2, v2, level + 1, batch)], Owner = batch };
            }

            return s1 < s2
                ? new Node { EntryMap = (1u << s1) | (1u << s2), Keys = [k1, k2], Values = [v1, v2], Owner = batch }
                : new Node { EntryMap = (1u << s1) | (1u << s2), Keys = [k2, k1], Values = [v2, v1], Owner = batch };
        }

        private static T[] Inserted<T>(T[] array, int index, T item)
        {
            var result = new T[array.Length + 1];
            Array.Copy(array, result, index);
            result[index] = item;
            Array.Copy(array, index, result, index + 1, array.Length - index);
            return result;
        }

        private static T[] Removed<T>(T[] array, int index)
        {
            var result = new T[array.Length - 1];
            Array.Copy(array, result, index);
            Array.Copy(array, index + 1, result, index, array.Length - index - 1);
            return result;
        }

        /// <summary>Hashes this node and every node of the batch below it (children first), then seals them.</summary>
        public void ComputeHashes(Batch? batch)
        {
            foreach (var child in Children)
            {
                if (batch is not null && ReferenceEquals(child.Owner, batch)) child.ComputeHashes(batch);
            }

            var size = 8 + (Keys.Length * (Hash256.Size + TValue.EncodedSize)) + (Children.Length * Hash256.Size);
            var rented = ArrayPool<byte>.Shared.Rent(size);
            var buffer = rented.AsSpan(0, size);
            BinaryPrimitives.WriteUInt32BigEndian(buffer, EntryMap);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], ChildMap);
            var position = 8;
            for (var i = 0; i < Keys.Length; i++)
            {
                Keys[i].CopyTo(buffer[position..]);
                position += Hash256.Size;
                Values[i].WriteTo(buffer.Slice(position, TValue.EncodedSize));
                position += TValue.EncodedSize;
            }

            foreach (var child in Children)
            {
                child.Hash.CopyTo(buffer[position..]);
                position += Hash256.Size;
            }

            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(buffer, digest);
            ArrayPool<byte>.Shared.Return(rented);
            Hash = new Hash256(digest);
            Owner = null; // published: immutable from now on
        }
    }
}
