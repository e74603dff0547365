using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Trie;

namespace Obscuro.Protocol.Tests.Ethereum.Trie;

public class MerklePatriciaTrieTests
{
    private static (ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value) Entry(string key, string value) =>
        (Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(value));

    [Fact]
    public void The_empty_trie_has_the_well_known_root()
    {
        Assert.Equal("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", MerklePatriciaTrie.EmptyRoot.ToString());
        Assert.Equal(Keccak256.Hash([0x80]), MerklePatriciaTrie.EmptyRoot);
        Assert.Equal(MerklePatriciaTrie.EmptyRoot, MerklePatriciaTrie.ComputeOrderedRoot(Array.Empty<byte[]>()));
        Assert.Equal(MerklePatriciaTrie.EmptyRoot, MerklePatriciaTrie.ComputeRoot([]));
    }

    // The "any order" examples of ethereum/tests TrieTests, as also used by several clients' own tests.
    public static TheoryData<string, string[]> Examples => new()
    {
        { "0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3", ["doe", "reindeer", "dog", "puppy", "dogglesworth", "cat"] },
        { "0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84", ["do", "verb", "horse", "stallion", "doge", "coin", "dog", "puppy"] },
        { "0x17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3", ["foo", "bar", "food", "bass"] },
        { "0x3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b", ["be", "e", "dog", "puppy", "bed", "d"] },
        { "0x8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928", ["test", "test", "te", "testy"] },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Computes_the_roots_of_the_official_examples_in_any_order(string root, string[] pairs)
    {
        var entries = Enumerable.Range(0, pairs.Length / 2).Select(i => Entry(pairs[2 * i], pairs[(2 * i) + 1])).ToArray();
        Assert.Equal(root, MerklePatriciaTrie.ComputeRoot(entries).ToString());
        Assert.Equal(root, MerklePatriciaTrie.ComputeRoot(entries.Reverse().ToArray()).ToString());
    }

    [Fact]
    public void A_single_small_item_is_a_leaf_hashed_even_though_it_is_short()
    {
        // Key rlp(0) = 0x80 → nibbles 8,0 → hex-prefix 0x20 0x80; leaf rlp([0x2080, 0x01]) = c4 82 2080 01.
        Assert.Equal(Keccak256.Hash(Hex.Decode("0xc482208001")), MerklePatriciaTrie.ComputeOrderedRoot([new byte[] { 0x01 }]));
    }

    [Fact]
    public void Two_small_items_are_a_branch_with_embedded_leaves()
    {
        // rlp(0) = 0x80 (nibbles 8,0) holds "a", rlp(1) = 0x01 (nibbles 0,1) holds "b". The root is a branch whose
        // slot 0 embeds leaf([0x31], "b") = c2 31 62 and slot 8 embeds leaf([0x30], "a") = c2 30 61.
        var branch = Hex.Decode("0xd5" + "c23162" + "80808080808080" + "c23061" + "80808080808080" + "80");
        Assert.Equal(Keccak256.Hash(branch), MerklePatriciaTrie.ComputeOrderedRoot([[(byte)'a'], [(byte)'b']]));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 }, false, "0x112345")]
    [InlineData(new byte[] { 0, 1, 2, 3, 4, 5 }, false, "0x00012345")]
    [InlineData(new byte[] { 0, 15, 1, 12, 11, 8 }, true, "0x200f1cb8")]
    [InlineData(new byte[] { 15, 1, 12, 11, 8 }, true, "0x3f1cb8")]
    [InlineData(new byte[] { }, true, "0x20")]
    [InlineData(new byte[] { }, false, "0x00")]
    public void Hex_prefix_matches_the_yellow_paper(byte[] nibbles, bool isLeaf, string expected)
    {
        var output = new byte[HexPrefix.Length(nibbles.Length)];
        Assert.Equal(output.Length, HexPrefix.Encode(nibbles, isLeaf, output));
        Assert.Equal(expected, Hex.Encode(output));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(256)]
    [InlineData(1000)]
    public void Ordered_roots_equal_the_trie_of_rlp_index_keys(int count)
    {
        // The ordered root skips sorting by knowing the order of rlp(i); this checks that shortcut against the
        // general path and against the textbook trie, across the 127/128 boundary where rlp(i) changes length.
        // Item lengths 1..60 bytes: leaves both embedded in their branch and referenced by hash.
        var items = Enumerable.Range(0, count)
            .Select(i => Keccak256.Hash(BitConverter.GetBytes(i)).ToArray().Concat(Keccak256.Hash(BitConverter.GetBytes(-i)).ToArray()).Take(1 + (i % 60)).ToArray())
            .ToArray();
        var reference = new ReferenceTrie();
        var entries = new (ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)[count];
        for (var i = 0; i < count; i++)
        {
            var key = RlpEncoding.EncodeUInt((ulong)i);
            reference.Put(key, items[i]);
            entries[i] = (key, items[i]);
        }

        var root = MerklePatriciaTrie.ComputeOrderedRoot(items);
        Assert.Equal(reference.Root(), root);
        Assert.Equal(root, MerklePatriciaTrie.ComputeRoot(entries));
        Assert.Equal(root, MerklePatriciaTrie.ComputeOrderedRoot(items.Select(i => (ReadOnlyMemory<byte>)i).ToArray()));
    }

    [Property(MaxTest = 200)]
    public void Any_key_set_has_the_root_of_the_textbook_trie(byte[][] keys, byte[] valueSeed)
    {
        // Keys from a tiny alphabet so they share prefixes and some are prefixes of others; values from 1 byte to
        // past the 1 KiB stack buffer, so nodes are both embedded and hashed.
        var reference = new ReferenceTrie();
        var map = new Dictionary<string, (byte[] Key, byte[] Value)>();
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i].Take(6).Select(b => (byte)(b % 3 == 0 ? 0x00 : b % 3 == 1 ? 0x01 : 0x10)).ToArray();
            var length = 1 + ((valueSeed.Length + (i * 37)) % (i % 7 == 6 ? 1500 : 40));
            var value = Enumerable.Range(0, length).Select(j => (byte)(i + j)).ToArray();
            map[Convert.ToHexString(key)] = (key, value);
        }

        foreach (var (key, value) in map.Values)
        {
            reference.Put(key, value);
        }

        var entries = map.Values.Select(e => ((ReadOnlyMemory<byte>)e.Key, (ReadOnlyMemory<byte>)e.Value)).ToArray();
        Assert.Equal(reference.Root(), MerklePatriciaTrie.ComputeRoot(entries));
    }

    [Fact]
    public void Long_keys_and_values_use_pooled_buffers_correctly()
    {
        var reference = new ReferenceTrie();
        var entries = new List<(ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)>();
        for (var i = 0; i < 40; i++)
        {
            // 300-byte keys sharing a 290-byte prefix: long extension paths, and 3 KiB values in the leaves.
            var key = Enumerable.Repeat((byte)0xab, 290).Concat(BitConverter.GetBytes(i * 7919L).Take(10)).Concat(new byte[2]).ToArray();
            var value = Enumerable.Range(0, 3000).Select(j => (byte)(i ^ j)).ToArray();
            reference.Put(key, value);
            entries.Add((key, value));
        }

        Assert.Equal(reference.Root(), MerklePatriciaTrie.ComputeRoot(entries));
    }

    [Fact]
    public void A_chain_of_nested_prefixes_is_built_correctly()
    {
        // Key i is i zero bytes then 0x01: every key forks off the shared path one byte deeper than the last.
        var reference = new ReferenceTrie();
        var entries = new List<(ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)>();
        for (var i = 0; i < 300; i++)
        {
            var key = new byte[i + 1];
            key[i] = 1;
            reference.Put(key, [(byte)i]);
            entries.Add((key, new byte[] { (byte)i }));
        }

        Assert.Equal(reference.Root(), MerklePatriciaTrie.ComputeRoot(entries));
    }

    [Fact]
    public void A_key_set_too_deep_for_the_stack_fails_cleanly()
    {
        // 3,000 nested forks need 6,000 frames, more than a 1 MiB stack holds; the builder must throw, not crash
        // the process. The thread's stack size is fixed here so the outcome does not depend on the test runner.
        var entries = new (ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)[3_000];
        for (var i = 0; i < entries.Length; i++)
        {
            var key = new byte[i + 1];
            key[i] = 1;
            entries[i] = (key, new byte[] { 7 });
        }

        Exception? failure = null;
        var thread = new Thread(() => failure = Record.Exception(() => MerklePatriciaTrie.ComputeRoot(entries)), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.IsType<InsufficientExecutionStackException>(failure);
    }

    [Fact]
    public void Ten_thousand_items()
    {
        var items = Enumerable.Range(0, 10_000).Select(i => Keccak256.Hash(BitConverter.GetBytes(i)).ToArray().Concat(new byte[90]).ToArray()).ToArray();
        var reference = new ReferenceTrie();
        for (var i = 0; i < items.Length; i++)
        {
            reference.Put(RlpEncoding.EncodeUInt((ulong)i), items[i]);
        }

        Assert.Equal(reference.Root(), MerklePatriciaTrie.ComputeOrderedRoot(items));
    }

    [Fact]
    public void Rejects_duplicate_keys_and_empty_values()
    {
        Assert.Contains("same key", Assert.Throws<ArgumentException>(() => MerklePatriciaTrie.ComputeRoot([Entry("a", "1"), Entry("b", "2"), Entry("a", "3")])).Message,
            StringComparison.Ordinal);
        Assert.Contains("empty value", Assert.Throws<ArgumentException>(() => MerklePatriciaTrie.ComputeRoot([Entry("a", "")])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MerklePatriciaTrie.ComputeOrderedRoot([new byte[] { 1 }, Array.Empty<byte>()]));
    }
}
