using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.State;

namespace Obscuro.Protocol.Tests.State;

public class PersistentMapTests
{
    private static Hash256 Key(int i) => Keccak256.Hash(BitConverter.GetBytes(i));

    private static AccountState Account(ulong balance, ulong nonce) => new(new UInt256(balance), nonce);

    [Fact]
    public void Empty_map_has_nothing_and_a_fixed_root()
    {
        var empty = PersistentMap<AccountState>.Empty;
        Assert.Equal(0, empty.Count);
        Assert.False(empty.TryGetValue(Key(1), out _));
        Assert.Equal(PersistentMap<AccountState>.Empty.RootHash, empty.RootHash);
        Assert.False(empty.RootHash.IsZero);
    }

    [Fact]
    public void Old_versions_are_unchanged_by_updates()
    {
        var v1 = PersistentMap<AccountState>.Empty.SetItems(Enumerable.Range(0, 1000).Select(i => KeyValuePair.Create(Key(i), Account((ulong)i, 0))));
        var root1 = v1.RootHash;
        var v2 = v1.SetItems(Enumerable.Range(500, 1000).Select(i => KeyValuePair.Create(Key(i), Account(7, 1))));

        Assert.Equal(1000, v1.Count);
        Assert.Equal(1500, v2.Count);
        Assert.Equal(root1, v1.RootHash);
        Assert.Equal(Account(499, 0), v1.GetValueOrDefault(Key(499)));
        Assert.Equal(Account(500, 0), v1.GetValueOrDefault(Key(500)));
        Assert.Equal(Account(7, 1), v2.GetValueOrDefault(Key(500)));
        Assert.False(v1.TryGetValue(Key(1200), out _));
        Assert.NotEqual(root1, v2.RootHash);
    }

    [Fact]
    public void Setting_an_equal_value_returns_the_same_map()
    {
        var v1 = PersistentMap<AccountState>.Empty.SetItem(Key(1), Account(5, 0));
        Assert.Same(v1, v1.SetItem(Key(1), Account(5, 0)));
    }

    [Fact]
    public void Keys_sharing_a_long_prefix_are_kept_apart()
    {
        // Differ only in the last bit: the trie must go all the way down and still find both.
        var a = new byte[32];
        var b = new byte[32];
        b[31] = 1;
        var map = PersistentMap<AccountState>.Empty.SetItem(new Hash256(a), Account(1, 0)).SetItem(new Hash256(b), Account(2, 0));
        Assert.Equal(Account(1, 0), map.GetValueOrDefault(new Hash256(a)));
        Assert.Equal(Account(2, 0), map.GetValueOrDefault(new Hash256(b)));
        Assert.Equal(2, map.Count);
    }

    [Property(MaxTest = 200)]
    public Property Behaves_like_a_dictionary(int[] keys, ulong[] balances)
    {
        var model = new Dictionary<Hash256, AccountState>();
        var map = PersistentMap<AccountState>.Empty;
        for (var i = 0; i < keys.Length; i++)
        {
            var value = Account(balances.Length == 0 ? 0 : balances[i % balances.Length], (ulong)i);
            model[Key(keys[i] % 64)] = value; // a small key space so updates hit existing keys
            map = i % 3 == 0 ? map.SetItem(Key(keys[i] % 64), value) : map.SetItems([KeyValuePair.Create(Key(keys[i] % 64), value)]);
        }

        var same = model.Count == map.Count
            && model.All(kv => map.TryGetValue(kv.Key, out var v) && v == kv.Value)
            && map.Enumerate().Select(kv => kv.Key).SequenceEqual(model.Keys.Order());
        return same.ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property Root_hash_depends_on_content_not_on_update_order(int[] keys)
    {
        var entries = keys.Distinct().Select(k => KeyValuePair.Create(Key(k), Account((ulong)(uint)k, 1))).ToArray();
        var forward = PersistentMap<AccountState>.Empty.SetItems(entries);
        var oneByOne = entries.Reverse().Aggregate(PersistentMap<AccountState>.Empty, (m, e) => m.SetItem(e.Key, e.Value));
        return (forward.RootHash == oneByOne.RootHash).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property Different_contents_give_different_roots(int[] keys, int extra)
    {
        var distinct = keys.Distinct().Where(k => k != extra).ToArray();
        var map = PersistentMap<AccountState>.Empty.SetItems(distinct.Select(k => KeyValuePair.Create(Key(k), Account(1, 0))));
        var bigger = map.SetItem(Key(extra), Account(1, 0));
        var changedValue = distinct.Length == 0 ? bigger : map.SetItem(Key(distinct[0]), Account(2, 0));
        return (map.RootHash != bigger.RootHash && (distinct.Length == 0 || map.RootHash != changedValue.RootHash)).ToProperty();
    }
}
