using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Tests.Ethereum.Rlp;

public class RlpPropertyTests
{
    [Property(MaxTest = 500)]
    public void Byte_strings_round_trip(byte[] value)
    {
        var encoded = RlpEncoding.EncodeBytes(value);
        Assert.Equal(RlpLength.OfBytes(value), encoded.Length);
        var reader = new RlpReader(encoded);
        Assert.Equal(value, reader.ReadBytes().ToArray());
        reader.EnsureEnd();
    }

    [Property(MaxTest = 200)]
    public void Long_byte_strings_round_trip(PositiveInt extra, byte fill)
    {
        // Lengths around and far past the 55-byte short-form limit, including multi-byte length prefixes.
        var value = new byte[50 + (extra.Get % 70_000)];
        Array.Fill(value, fill);
        var encoded = RlpEncoding.EncodeBytes(value);
        Assert.Equal(value, new RlpReader(encoded).ReadBytes().ToArray());
    }

    [Property(MaxTest = 500)]
    public void Unsigned_64_bit_integers_round_trip(ulong value)
    {
        var encoded = RlpEncoding.EncodeUInt(value);
        Assert.Equal(RlpLength.OfUInt(value), encoded.Length);
        var reader = new RlpReader(encoded);
        Assert.Equal(value, reader.ReadUInt64());
        reader.EnsureEnd();
    }

    [Property(MaxTest = 500)]
    public void Unsigned_256_bit_integers_round_trip(byte[] bigEndian)
    {
        var value = UInt256.FromBigEndian(bigEndian.AsSpan(0, Math.Min(bigEndian.Length, 32)));
        var encoded = new byte[RlpLength.OfUInt(value)];
        var writer = new RlpWriter(encoded);
        writer.WriteUInt(value);
        Assert.Equal(encoded.Length, writer.Position);
        var reader = new RlpReader(encoded);
        Assert.Equal(value, reader.ReadUInt256());
        reader.EnsureEnd();
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(RlpTreeArbitrary)])]
    public void Nested_lists_round_trip(RlpTree tree)
    {
        var encoded = tree.Encode();
        Assert.Equal(tree, RlpTree.Decode(encoded));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(RlpTreeArbitrary)])]
    public void A_truncated_encoding_is_always_rejected(RlpTree tree, PositiveInt cut)
    {
        var encoded = tree.Encode();
        var keep = cut.Get % encoded.Length;
        Assert.Throws<RlpException>(() => RlpTree.Decode(encoded.AsSpan(0, keep)));
    }

    public static class RlpTreeArbitrary
    {
        public static Arbitrary<RlpTree> Trees() => Arb.From(Gen.Sized(Tree));

        private static Gen<RlpTree> Tree(int size)
        {
            var bytes = Gen.Choose(0, 255).Select(b => (byte)b);
            // Mostly short strings, sometimes long ones, so both header forms appear at every depth.
            var length = Gen.Frequency((6, Gen.Choose(0, 3)), (3, Gen.Choose(4, 60)), (1, Gen.Choose(56, 300)));
            var leaf = length.SelectMany(n => Gen.ArrayOf(bytes, n)).Select(b => (RlpTree)new RlpString(b));
            if (size <= 1)
            {
                return leaf;
            }

            var list = Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Tree(size / 3), n)).Select(items => (RlpTree)new RlpList(items));
            return Gen.Frequency((2, leaf), (3, list));
        }
    }
}
