using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Tests.Rollups;

public class RollupBodyCodecTests
{
    private static readonly RevealSchedule Schedule = new(1, 3, 6, 12, 24);
    private static readonly RollupContext Context = new(Keccak256.Hash("parent"u8), 7, new Address(new byte[20]));

    private static KeySchedule Keys(byte seed = 1)
    {
        var bytes = Enumerable.Repeat(seed, 32).ToArray();
        return new KeySchedule(MasterSeed.FromBytes(bytes));
    }

    private static BodyTransaction Tx(RevealOption option, int i) => new(option, Keccak256.HashToArray(BitConverter.GetBytes(i)).Concat(new byte[i % 50]).ToArray());

    private static List<BodyTransaction> Mixed() =>
    [
        Tx(RevealOption.S, 1), Tx(RevealOption.XS, 2), Tx(RevealOption.S, 3), Tx(RevealOption.XL, 4), Tx(RevealOption.XS, 5), Tx(RevealOption.M, 6),
    ];

    [Fact]
    public void Round_trip_keeps_execution_order_across_groups()
    {
        using var keys = Keys();
        var body = RollupBodyCodec.Encode(Mixed(), Context, Schedule, keys);
        var (layout, decoded) = RollupBodyCodec.Decode(body.Blob, body.EncryptedLayout, Context, Schedule, keys);
        Assert.Equal(Mixed().Select(t => (t.Option, Convert.ToHexString(t.Raw))), decoded.Select(t => (t.Option, Convert.ToHexString(t.Raw))));
        Assert.Equal([RevealOption.XS, RevealOption.S, RevealOption.M, RevealOption.XL], layout.Groups.Select(g => g.Option));
        Assert.Equal(body.Blob.Length, layout.Groups.Sum(g => g.Length));
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        using var keys = Keys();
        var a = RollupBodyCodec.Encode(Mixed(), Context, Schedule, keys);
        var b = RollupBodyCodec.Encode(Mixed(), Context, Schedule, keys);
        Assert.Equal(a.Blob, b.Blob);
        Assert.Equal(a.EncryptedLayout, b.EncryptedLayout);
    }

    [Fact]
    public void A_released_key_opens_its_group_and_no_other()
    {
        using var keys = Keys();
        var body = RollupBodyCodec.Encode(Mixed(), Context, Schedule, keys);
        var s = body.Layout.Groups.Single(g => g.Option == RevealOption.S);
        Assert.Equal(2UL, s.Interval); // generation 7 with S length 3

        using var released = keys.EncryptionKey(RevealOption.S, s.Interval);
        var opened = RollupBodyCodec.OpenGroup(body.Blob.AsSpan(s.Offset, s.Length), released, Context);
        Assert.Equal([Tx(RevealOption.S, 1).Raw, Tx(RevealOption.S, 3).Raw], opened);

        foreach (var other in body.Layout.Groups.Where(g => g.Option != RevealOption.S))
        {
            Assert.Throws<RollupBodyException>(() => RollupBodyCodec.OpenGroup(body.Blob.AsSpan(other.Offset, other.Length), released, Context));
        }

        using var nextInterval = keys.EncryptionKey(RevealOption.S, s.Interval + 1);
        Assert.Throws<RollupBodyException>(() => RollupBodyCodec.OpenGroup(body.Blob.AsSpan(s.Offset, s.Length), nextInterval, Context));
        Assert.Throws<RollupBodyException>(() => RollupBodyCodec.OpenGroup(body.Blob.AsSpan(s.Offset, s.Length), released, Context with { Generation = 8 }));
    }

    [Fact]
    public void Empty_body_has_an_empty_blob()
    {
        using var keys = Keys();
        var body = RollupBodyCodec.Encode([], Context, Schedule, keys);
        Assert.Empty(body.Blob);
        Assert.Empty(RollupBodyCodec.Decode(body.Blob, body.EncryptedLayout, Context, Schedule, keys).Transactions);
    }

    [Fact]
    public void Another_network_cannot_open_the_body()
    {
        using var keys = Keys();
        using var otherKeys = Keys(2);
        var body = RollupBodyCodec.Encode(Mixed(), Context, Schedule, keys);
        var e = Assert.Throws<RollupBodyException>(() => RollupBodyCodec.Decode(body.Blob, body.EncryptedLayout, Context, Schedule, otherKeys));
        Assert.Contains("layout does not decrypt", e.Message);
    }

    [Fact]
    public void Tampered_blob_is_rejected_with_the_group_named()
    {
        using var keys = Keys();
        var body = RollupBodyCodec.Encode(Mixed(), Context, Schedule, keys);
        var blob = (byte[])body.Blob.Clone();
        var m = body.Layout.Groups.Single(g => g.Option == RevealOption.M);
        blob[m.Offset + 30] ^= 1;
        var e = Assert.Throws<RollupBodyException>(() => RollupBodyCodec.Decode(blob, body.EncryptedLayout, Context, Schedule, keys));
        Assert.Contains("group M", e.Message);
    }

    [Fact]
    public void Truncated_or_extended_blob_does_not_match_the_layout()
    {
        using var keys = Keys();
        var body = RollupBodyCodec.Encode(Mixed(), Context, Schedule, keys);
        Assert.Contains("cover", Assert.Throws<RollupBodyException>(() => RollupBodyCodec.Decode(body.Blob.Append((byte)0).ToArray(), body.EncryptedLayout, Context, Schedule, keys)).Message);
        Assert.Contains("does not fit", Assert.Throws<RollupBodyException>(() => RollupBodyCodec.Decode(body.Blob.AsSpan(0, body.Blob.Length - 1), body.EncryptedLayout, Context, Schedule, keys)).Message);
    }

    [Fact]
    public void Group_encrypted_for_the_wrong_interval_is_rejected()
    {
        using var keys = Keys();
        var body = RollupBodyCodec.Encode(Mixed(), Context, Schedule, keys);
        // The same body presented under a later schedule (longer S intervals) claims the wrong interval.
        var e = Assert.Throws<RollupBodyException>(() => RollupBodyCodec.Decode(body.Blob, body.EncryptedLayout, Context, new RevealSchedule(1, 10, 10, 12, 24), keys));
        Assert.Contains("claims interval", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0 }, "unknown version")]
    [InlineData(new byte[] { 1, 6 }, "only 5 reveal options")]
    [InlineData(new byte[] { 1, 1, 0 }, "truncated")]
    public void Malformed_layouts_are_rejected(byte[] layout, string reason) =>
        Assert.Contains(reason, Assert.Throws<RollupBodyException>(() => RollupLayout.Decode(layout, 0)).Message);

    [Fact]
    public void Layout_order_must_use_every_transaction_exactly_once()
    {
        var good = new RollupLayout([new GroupPosition(RevealOption.S, 0, 0, 10, 2)], [1, 1]).Encode();
        Assert.Single(RollupLayout.Decode(good, 10).Groups);
        var tooFew = new RollupLayout([new GroupPosition(RevealOption.S, 0, 0, 10, 2)], [1]).Encode();
        Assert.Contains("unused", Assert.Throws<RollupBodyException>(() => RollupLayout.Decode(tooFew, 10)).Message);
        var tooMany = new RollupLayout([new GroupPosition(RevealOption.S, 0, 0, 10, 2)], [1, 1, 1]).Encode();
        Assert.Contains("more often", Assert.Throws<RollupBodyException>(() => RollupLayout.Decode(tooMany, 10)).Message);
        var unordered = new RollupLayout([new GroupPosition(RevealOption.M, 0, 0, 5, 1), new GroupPosition(RevealOption.S, 0, 5, 5, 1)], [2, 1]).Encode();
        Assert.Contains("ascending", Assert.Throws<RollupBodyException>(() => RollupLayout.Decode(unordered, 10)).Message);
    }

    [Fact]
    public void Decompression_is_bounded()
    {
        var huge = GroupCompression.Pack([new byte[1_000_000]]);
        Assert.True(huge.Length < 10_000);
        Assert.Contains("more than", Assert.Throws<RollupBodyException>(() => GroupCompression.Unpack(huge, 100_000)).Message);
    }
}
