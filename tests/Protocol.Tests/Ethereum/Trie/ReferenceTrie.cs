using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Tests.Ethereum.Rlp;

namespace Obscuro.Protocol.Tests.Ethereum.Trie;

/// <summary>
/// A deliberately different, textbook Merkle-Patricia trie for cross-checking: nodes are objects, keys are inserted one
/// at a time (splitting leaves and extensions as they collide), and the root is hashed from the finished tree.
/// </summary>
internal sealed class ReferenceTrie
{
    private Node? _root;

    public void Put(byte[] key, byte[] value)
    {
        var path = key.SelectMany(b => new[] { (byte)(b >> 4), (byte)(b & 15) }).ToArray();
        _root = Insert(_root, path, value);
    }

    public Hash256 Root() =>
        _root is null ? Keccak256.Hash([0x80]) : Keccak256.Hash(Encode(_root).Encode());

    private static Node Insert(Node? node, byte[] path, byte[] value)
    {
        switch (node)
        {
            case null:
                return new Leaf(path, value);

            case Branch branch:
                if (path.Length == 0)
                {
                    branch.Value = value;
                }
                else
                {
                    branch.Children[path[0]] = Insert(branch.Children[path[0]], path[1..], value);
                }

                return branch;

            case Leaf leaf:
            {
                if (leaf.Path.SequenceEqual(path))
                {
                    return new Leaf(path, value);
                }

                var shared = Shared(leaf.Path, path);
                var split = new Branch();
                Place(split, leaf.Path[shared..], leaf.Value);
                Place(split, path[shared..], value);
                return shared > 0 ? new Extension(path[..shared], split) : split;
            }

            case Extension extension:
            {
                var shared = Shared(extension.Path, path);
                if (shared == extension.Path.Length)
                {
                    return new Extension(extension.Path, Insert(extension.Child, path[shared..], value));
                }

                var split = new Branch();
                var rest = extension.Path[(shared + 1)..];
                split.Children[extension.Path[shared]] = rest.Length > 0 ? new Extension(rest, extension.Child) : extension.Child;
                Place(split, path[shared..], value);
                return shared > 0 ? new Extension(path[..shared], split) : split;
            }

            default:
                throw new InvalidOperationException("Unknown node.");
        }
    }

    private static void Place(Branch branch, byte[] path, byte[] value)
    {
        if (path.Length == 0)
        {
            branch.Value = value;
        }
        else
        {
            branch.Children[path[0]] = Insert(branch.Children[path[0]], path[1..], value);
        }
    }

    private static int Shared(byte[] a, byte[] b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private static RlpTree Encode(Node node) => node switch
    {
        Leaf leaf => RlpTree.List(new RlpString(HexPrefix(leaf.Path, leaf: true)), new RlpString(leaf.Value)),
        Extension extension => RlpTree.List(new RlpString(HexPrefix(extension.Path, leaf: false)), Reference(extension.Child)),
        Branch branch => new RlpList([.. branch.Children.Select(c => c is null ? new RlpString([]) : Reference(c)), new RlpString(branch.Value ?? [])]),
        _ => throw new InvalidOperationException("Unknown node."),
    };

    /// <summary>A child is inlined when its encoding is under 32 bytes, otherwise replaced by its hash.</summary>
    private static RlpTree Reference(Node child)
    {
        var encoded = Encode(child);
        var bytes = encoded.Encode();
        return bytes.Length < 32 ? encoded : new RlpString(Keccak256.Hash(bytes).ToArray());
    }

    private static byte[] HexPrefix(byte[] nibbles, bool leaf)
    {
        var flag = (leaf ? 2 : 0) + (nibbles.Length % 2);
        var all = nibbles.Length % 2 == 1 ? [(byte)flag, .. nibbles] : new byte[] { (byte)flag, 0 }.Concat(nibbles).ToArray();
        return [.. Enumerable.Range(0, all.Length / 2).Select(i => (byte)((all[2 * i] << 4) | all[(2 * i) + 1]))];
    }

    private abstract class Node;

    private sealed class Leaf(byte[] path, byte[] value) : Node
    {
        public byte[] Path { get; } = path;

        public byte[] Value { get; } = value;
    }

    private sealed class Extension(byte[] path, Node child) : Node
    {
        public byte[] Path { get; } = path;

        public Node Child { get; } = child;
    }

    private sealed class Branch : Node
    {
        public Node?[] Children { get; } = new Node?[16];

        public byte[]? Value { get; set; }
    }
}
