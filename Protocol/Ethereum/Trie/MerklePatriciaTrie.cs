using System.Runtime.CompilerServices;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Trie;

/// <summary>
/// Roots of Ethereum's Merkle-Patricia trie, computed in one pass over the sorted entries (no node store): for a
/// block's transactionsRoot, receiptsRoot and withdrawalsRoot (<see cref="ComputeOrderedRoot(IReadOnlyList{byte[]})"/>)
/// and for any key/value set (<see cref="ComputeRoot"/>).
/// </summary>
public static class MerklePatriciaTrie
{
    /// <summary>Keccak-256 of rlp("") — the root of a trie with no entries.</summary>
    public static Hash256 EmptyRoot { get; } = Hash256.Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    /// <summary>The root of the trie mapping rlp(i) to <paramref name="items"/>[i], each item already encoded (a transaction, receipt or withdrawal).</summary>
    public static Hash256 ComputeOrderedRoot(IReadOnlyList<byte[]> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var values = new ReadOnlyMemory<byte>[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items));
        }

        return OrderedRoot(values);
    }

    /// <inheritdoc cref="ComputeOrderedRoot(IReadOnlyList{byte[]})"/>
    public static Hash256 ComputeOrderedRoot(IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var values = new ReadOnlyMemory<byte>[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i];
        }

        return OrderedRoot(values);
    }

    /// <summary>
    /// The root of the trie holding these entries (in any order). Keys must be distinct; values must be non-empty,
    /// because the trie does not distinguish an empty value from an absent key.
    /// </summary>
    public static Hash256 ComputeRoot(IReadOnlyList<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var count = entries.Count;
        var totalNibbles = 0;
        for (var i = 0; i < count; i++)
        {
            totalNibbles += entries[i].Key.Length * 2;
        }

        var nibbles = new byte[totalNibbles];
        var keyStart = new int[count];
        var keyLength = new int[count];
        var values = new ReadOnlyMemory<byte>[count];
        var order = new int[count];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var (key, value) = entries[i];
            if (value.IsEmpty)
            {
                throw new ArgumentException($"Entry {i} has an empty value; leave the key out instead.", nameof(entries));
            }

            keyStart[i] = offset;
            keyLength[i] = key.Length * 2;
            offset += ToNibbles(key.Span, nibbles.AsSpan(offset));
            values[i] = value;
            order[i] = i;
        }

        var builder = new TrieBuilder(nibbles, keyStart, keyLength, values, order);
        Array.Sort(order, (a, b) => builder.Key(a).SequenceCompareTo(builder.Key(b)));
        for (var i = 1; i < count; i++)
        {
            if (builder.Key(order[i - 1]).SequenceEqual(builder.Key(order[i])))
            {
                throw new ArgumentException($"Entries {order[i - 1]} and {order[i]} have the same key.", nameof(entries));
            }
        }

        return builder.ComputeRoot();
    }

    [SkipLocalsInit]
    private static Hash256 OrderedRoot(ReadOnlyMemory<byte>[] values)
    {
        var count = values.Length;
        for (var i = 0; i < count; i++)
        {
            if (values[i].IsEmpty)
            {
                throw new ArgumentException($"Item {i} is empty; encoded items never are.", nameof(values));
            }
        }

        // Keys are rlp(i): at most 1 + 4 bytes for an int index, so 10 nibbles each.
        const int maxKeyNibbles = 10;
        var nibbles = new byte[count * maxKeyNibbles];
        var keyStart = new int[count];
        var keyLength = new int[count];
        Span<byte> key = stackalloc byte[maxKeyNibbles / 2];
        for (var i = 0; i < count; i++)
        {
            var writer = new RlpWriter(key);
            writer.WriteUInt((ulong)i);
            keyStart[i] = i * maxKeyNibbles;
            keyLength[i] = ToNibbles(writer.Written, nibbles.AsSpan(keyStart[i]));
        }

        return new TrieBuilder(nibbles, keyStart, keyLength, values, OrderedKeyOrder(count)).ComputeRoot();
    }

    /// <summary>
    /// The ascending order of rlp(0) … rlp(count − 1) without sorting: rlp(1..127) are the bytes 0x01..0x7f, rlp(0) is
    /// 0x80, and from 128 on each longer encoding starts with a larger prefix byte (0x81, 0x82, …) and within one
    /// length sorts numerically.
    /// </summary>
    private static int[] OrderedKeyOrder(int count)
    {
        var order = new int[count];
        var position = 0;
        for (var i = 1; i < Math.Min(count, 128); i++)
        {
            order[position++] = i;
        }

        if (count > 0)
        {
            order[position++] = 0;
        }

        for (var i = 128; i < count; i++)
        {
            order[position++] = i;
        }

        return order;
    }

    private static int ToNibbles(ReadOnlySpan<byte> bytes, Span<byte> nibbles)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            nibbles[2 * i] = (byte)(bytes[i] >> 4);
            nibbles[(2 * i) + 1] = (byte)(bytes[i] & 0x0f);
        }

        return bytes.Length * 2;
    }
}
