using System.Numerics;
using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Abi;

public sealed class AbiEncoderTests
{
    private static readonly string[] Graphemes = ["a", "é", "€", "😀", "z", " "];

    [Theory]
    [InlineData("uint8", 256)]
    [InlineData("uint8", -1)]
    [InlineData("int8", 128)]
    [InlineData("int8", -129)]
    [InlineData("uint32", 4294967296L)]
    public void Rejects_integers_out_of_range(string type, long value)
    {
        var e = Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse(type), value));

        Assert.Contains(type, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_uint256_overflow_from_BigInteger()
    {
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiUIntType.UInt256, BigInteger.One << 256));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiIntType.Int256, BigInteger.One << 255));
    }

    [Fact]
    public void Accepts_the_extremes_of_each_range()
    {
        var max = AbiEncoder.Encode(AbiUIntType.UInt256, UInt256.MaxValue);
        var min = AbiEncoder.Encode(AbiIntType.Int256, -(BigInteger.One << 255));

        Assert.Equal(UInt256.MaxValue, AbiDecoder.Decode(AbiUIntType.UInt256, max));
        Assert.Equal(-(BigInteger.One << 255), AbiDecoder.Decode(AbiIntType.Int256, min));
    }

    [Fact]
    public void Rejects_a_value_of_the_wrong_kind_naming_its_path()
    {
        var parameters = new[] { new AbiParameter("who", AbiType.Parse("(address,bool)[]")) };

        var e = Assert.Throws<AbiException>(() => AbiEncoder.Encode(parameters, [new object[] { new AbiTuple(Address.Zero, "yes") }]));

        Assert.Contains("who[0].#1", e.Message, StringComparison.Ordinal);
        Assert.Contains("String is not a value of ABI type bool", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_wrong_counts()
    {
        Assert.Throws<AbiException>(() => AbiEncoder.Encode([AbiUIntType.UInt256], []));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint8[2]"), new[] { 1, 2, 3 }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("bytes4"), new byte[3]));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("(bool,bool)"), new object[] { true }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint8[]"), "not a list"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiAddressType.Instance, null));
    }

    [Fact]
    public void Rejects_strings_that_are_not_valid_utf16()
    {
        const string loneSurrogate = "a\ud800b";

        Assert.Contains("UTF-16", Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiStringType.Instance, loneSurrogate)).Message, StringComparison.Ordinal);
        Assert.Contains("UTF-16", Assert.Throws<AbiException>(() => AbiEvent.EncodeTopic(AbiStringType.Instance, loneSurrogate)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_common_CSharp_shapes_for_values()
    {
        var viaList = AbiEncoder.Encode(AbiType.Parse("uint16[]"), new List<int> { 1, 2 });
        var viaArray = AbiEncoder.Encode(AbiType.Parse("uint16[]"), new ushort[] { 1, 2 });
        var viaHash = AbiEncoder.Encode(AbiType.Parse("bytes32"), Keccak256.Hash([]));
        var viaMemory = AbiEncoder.Encode(AbiType.Parse("bytes32"), new ReadOnlyMemory<byte>(Keccak256.Hash([]).ToArray()));

        Assert.Equal(viaList, viaArray);
        Assert.Equal(viaHash, viaMemory);
    }

    [Fact]
    public void Round_trips_randomly_shaped_values()
    {
        // A seeded generator keeps failures reproducible while covering many type shapes.
        var random = new Random(20240611);
        for (var i = 0; i < 300; i++)
        {
            var type = RandomType(random, depth: 0);
            var value = RandomValue(random, type);

            var encoded = AbiEncoder.Encode(type, value);
            var decoded = AbiDecoder.Decode(type, encoded);

            AbiAssert.Equivalent(value, decoded, type.CanonicalName);
            Assert.Equal(encoded, AbiEncoder.Encode(type, decoded));
        }
    }

    private static AbiType RandomType(Random random, int depth)
    {
        var choice = random.Next(depth < 3 ? 10 : 7);
        return choice switch
        {
            0 => new AbiUIntType(8 * random.Next(1, 33)),
            1 => new AbiIntType(8 * random.Next(1, 33)),
            2 => AbiAddressType.Instance,
            3 => AbiBoolType.Instance,
            4 => new AbiFixedBytesType(random.Next(1, 33)),
            5 => AbiBytesType.Instance,
            6 => AbiStringType.Instance,
            7 => new AbiArrayType(RandomType(random, depth + 1), random.Next(2) == 0 ? null : random.Next(1, 4)),
            _ => new AbiTupleType(Enumerable.Range(0, random.Next(1, 4))
                .Select(i => new AbiParameter("c" + i, RandomType(random, depth + 1)))
                .ToArray()),
        };
    }

    private static object RandomValue(Random random, AbiType type)
    {
        switch (type)
        {
            case AbiUIntType u:
                return UInt256.FromBigEndian(RandomBytes(random, u.Bits / 8));
            case AbiIntType s:
                return new BigInteger(RandomBytes(random, s.Bits / 8), isUnsigned: false, isBigEndian: true);
            case AbiAddressType:
                return new Address(RandomBytes(random, Address.Size));
            case AbiBoolType:
                return random.Next(2) == 1;
            case AbiFixedBytesType f:
                return RandomBytes(random, f.Size);
            case AbiBytesType:
                return RandomBytes(random, random.Next(0, 70));
            case AbiStringType:
                return string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Graphemes[random.Next(Graphemes.Length)]));
            case AbiArrayType a:
                return Enumerable.Range(0, a.Length ?? random.Next(0, 4)).Select(_ => RandomValue(random, a.Element)).ToArray();
            case AbiTupleType t:
                return new AbiTuple(t.Components, t.Components.Select(c => RandomValue(random, c.Type)).ToArray());
            default:
                throw new InvalidOperationException(type.CanonicalName);
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
