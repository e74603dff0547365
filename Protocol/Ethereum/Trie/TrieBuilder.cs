using System.Buffers;
using System.Runtime.CompilerServices;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Trie;

/// <summary>
/// Builds a Merkle-Patricia trie bottom-up from entries sorted by key and returns its root, without storing nodes:
/// a range of keys sharing a prefix becomes an extension, a range that splits becomes a branch, a single key a leaf.
/// Each node is referenced from its parent by its RLP when that is under 32 bytes, otherwise by its Keccak-256.
/// </summary>
internal sealed class TrieBuilder
{
    /// <summary>Longest reference to a child: 0xa0 ‖ 32-byte hash (an embedded node is at most 31 bytes).</summary>
    private const int ReferenceSize = 1 + Hash256.Size;
    private const int StackNodeSize = 1024;

    private readonly byte[] _nibbles;
    private readonly int[] _keyStart;
    private readonly int[] _keyLength;
    private readonly ReadOnlyMemory<byte>[] _values;
    private readonly int[] _order;

    /// <param name="nibbles">All keys as nibbles (one per byte), back to back.</param>
    /// <param name="order">Entry indexes in ascending key order; keys must be distinct.</param>
    internal TrieBuilder(byte[] nibbles, int[] keyStart, int[] keyLength, ReadOnlyMemory<byte>[] values, int[] order)
    {
        _nibbles = nibbles;
        _keyStart = keyStart;
        _keyLength = keyLength;
        _values = values;
        _order = order;
    }

    [SkipLocalsInit]
    internal Hash256 ComputeRoot()
    {
        if (_order.Length == 0)
        {
            return MerklePatriciaTrie.EmptyRoot;
        }

        Span<byte> reference = stackalloc byte[ReferenceSize];
        _ = Build(0, _order.Length, 0, reference, isRoot: true);
        return new Hash256(reference[1..]);
    }

    internal ReadOnlySpan<byte> Key(int entry) => _nibbles.AsSpan(_keyStart[entry], _keyLength[entry]);

    /// <summary>Encodes the node for the sorted entries [lo, hi) below <paramref name="depth"/> nibbles and writes its reference.</summary>
    private int Build(int lo, int hi, int depth, Span<byte> reference, bool isRoot)
    {
        // Depth is bounded by the key length, which callers of the general root choose; a pathological key set
        // fails with an exception here rather than overflowing the stack and killing the process.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (hi - lo == 1)
        {
            return Leaf(_order[lo], depth, reference, isRoot);
        }

        var first = Key(_order[lo])[depth..];
        var last = Key(_order[hi - 1])[depth..];
        var shared = first.CommonPrefixLength(last);
        return shared > 0 ? Extension(lo, hi, depth, shared, reference, isRoot) : Branch(lo, hi, depth, reference, isRoot);
    }

    [SkipLocalsInit]
    private int Leaf(int entry, int depth, Span<byte> reference, bool isRoot)
    {
        var path = Key(entry)[depth..];
        var value = _values[entry].Span;
        var pathLength = HexPrefix.Length(path.Length);
        var payload = RlpLength.OfBytes(pathLength, PathFirstByte(path, isLeaf: true)) + RlpLength.OfBytes(value);
        var length = RlpLength.OfList(payload);

        byte[]? rented = null;
        var buffer = length <= StackNodeSize ? stackalloc byte[StackNodeSize] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var writer = new RlpWriter(buffer);
            writer.WriteListPrefix(payload);
            WritePath(ref writer, path, isLeaf: true, pathLength);
            writer.WriteBytes(value);
            return Reference(buffer[..length], reference, isRoot);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    [SkipLocalsInit]
    private int Extension(int lo, int hi, int depth, int shared, Span<byte> reference, bool isRoot)
    {
        Span<byte> child = stackalloc byte[ReferenceSize];
        var childLength = Build(lo, hi, depth + shared, child, isRoot: false);

        var path = Key(_order[lo]).Slice(depth, shared);
        var pathLength = HexPrefix.Length(path.Length);
        var payload = RlpLength.OfBytes(pathLength, PathFirstByte(path, isLeaf: false)) + childLength;
        var length = RlpLength.OfList(payload);

        byte[]? rented = null;
        var buffer = length <= StackNodeSize ? stackalloc byte[StackNodeSize] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var writer = new RlpWriter(buffer);
            writer.WriteListPrefix(payload);
            WritePath(ref writer, path, isLeaf: false, pathLength);
            writer.WriteEncoded(child[..childLength]);
            return Reference(buffer[..length], reference, isRoot);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    [SkipLocalsInit]
    private int Branch(int lo, int hi, int depth, Span<byte> reference, bool isRoot)
    {
        // A key that ends exactly here sorts first (a prefix precedes its extensions) and is the branch's value.
        var value = ReadOnlySpan<byte>.Empty;
        var hasValue = _keyLength[_order[lo]] == depth;
        if (hasValue)
        {
            value = _values[_order[lo]].Span;
            lo++;
        }

        Span<byte> children = stackalloc byte[16 * ReferenceSize];
        Span<int> childLengths = stackalloc int[16];
        childLengths.Clear();
        for (var start = lo; start < hi;)
        {
            var nibble = Key(_order[start])[depth];
            var end = start + 1;
            while (end < hi && Key(_order[end])[depth] == nibble)
            {
                end++;
            }

            childLengths[nibble] = Build(start, end, depth + 1, children.Slice(nibble * ReferenceSize, ReferenceSize), isRoot: false);
            start = end;
        }

        var payload = hasValue ? RlpLength.OfBytes(value) : 1;
        for (var i = 0; i < 16; i++)
        {
            payload += childLengths[i] == 0 ? 1 : childLengths[i];
        }

        var length = RlpLength.OfList(payload);
        byte[]? rented = null;
        var buffer = length <= StackNodeSize ? stackalloc byte[StackNodeSize] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var writer = new RlpWriter(buffer);
            writer.WriteListPrefix(payload);
            for (var i = 0; i < 16; i++)
            {
                if (childLengths[i] == 0)
                {
                    writer.WriteBytes([]);
                }
                else
                {
                    writer.WriteEncoded(children.Slice(i * ReferenceSize, childLengths[i]));
                }
            }

            writer.WriteBytes(value);
            return Reference(buffer[..length], reference, isRoot);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Embeds a node shorter than 32 bytes; otherwise references it as the RLP string of its hash. The root is always hashed.</summary>
    private static int Reference(ReadOnlySpan<byte> node, Span<byte> reference, bool isRoot)
    {
        if (node.Length < Hash256.Size && !isRoot)
        {
            node.CopyTo(reference);
            return node.Length;
        }

        reference[0] = 0x80 + Hash256.Size;
        Keccak256.Hash(node, reference[1..]);
        return ReferenceSize;
    }

    private static byte PathFirstByte(ReadOnlySpan<byte> path, bool isLeaf) =>
        (byte)((((isLeaf ? 2 : 0) + (path.Length % 2)) << 4) | (path.Length % 2 == 1 ? path[0] : 0));

    [SkipLocalsInit]
    private static void WritePath(ref RlpWriter writer, ReadOnlySpan<byte> path, bool isLeaf, int encodedLength)
    {
        byte[]? rented = null;
        var encoded = encodedLength <= 128 ? stackalloc byte[128] : (rented = ArrayPool<byte>.Shared.Rent(encodedLength));
        try
        {
            HexPrefix.Encode(path, isLeaf, encoded);
            writer.WriteBytes(encoded[..encodedLength]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
