using System.Numerics;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;
using static Obscuro.Protocol.Tests.Ethereum.Rlp.RlpTree;

namespace Obscuro.Protocol.Tests.Ethereum.Rlp;

/// <summary>The examples of ethereum/tests RLPTests (rlptest.json, invalidRLPTest.json) and the Yellow Paper.</summary>
public class RlpVectorTests
{
    private const string Lorem55 = "Lorem ipsum dolor sit amet, consectetur adipisicing eli";
    private const string Lorem56 = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";

    public static TheoryData<string, RlpTree, string> Structures => new()
    {
        { "emptystring", Str(""), "0x80" },
        { "bytestring00", new RlpString([0x00]), "0x00" },
        { "bytestring01", new RlpString([0x01]), "0x01" },
        { "bytestring7F", new RlpString([0x7f]), "0x7f" },
        { "bytestring80", new RlpString([0x80]), "0x8180" },
        { "shortstring", Str("dog"), "0x83646f67" },
        { "shortstring2 (55 bytes, last short form)", Str(Lorem55), "0xb74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c69" },
        { "longstring (56 bytes, first long form)", Str(Lorem56), "0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974" },
        { "emptylist", List(), "0xc0" },
        { "cat dog", List(Str("cat"), Str("dog")), "0xc88363617483646f67" },
        { "stringlist", List(Str("dog"), Str("god"), Str("cat")), "0xcc83646f6783676f6483636174" },
        { "multilist", List(Str("zw"), List(new RlpString([4])), new RlpString([1])), "0xc6827a77c10401" },
        {
            "shortListMax1 (55-byte payload)",
            List(Str("asdf"), Str("qwer"), Str("zxcv"), Str("asdf"), Str("qwer"), Str("zxcv"), Str("asdf"), Str("qwer"), Str("zxcv"), Str("asdf"), Str("qwer")),
            "0xf784617364668471776572847a78637684617364668471776572847a78637684617364668471776572847a78637684617364668471776572"
        },
        {
            "longList1",
            List(List(Str("asdf"), Str("qwer"), Str("zxcv")), List(Str("asdf"), Str("qwer"), Str("zxcv")), List(Str("asdf"), Str("qwer"), Str("zxcv")), List(Str("asdf"), Str("qwer"), Str("zxcv"))),
            "0xf840cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376"
        },
        { "listsoflists", List(List(List(), List()), List()), "0xc4c2c0c0c0" },
        { "listsoflists2 (set-theoretic 3)", List(List(), List(List()), List(List(), List(List()))), "0xc7c0c1c0c3c0c1c0" },
        {
            "dictTest1",
            List(List(Str("key1"), Str("val1")), List(Str("key2"), Str("val2")), List(Str("key3"), Str("val3")), List(Str("key4"), Str("val4"))),
            "0xecca846b6579318476616c31ca846b6579328476616c32ca846b6579338476616c33ca846b6579348476616c34"
        },
    };

    [Theory]
    [MemberData(nameof(Structures))]
    public void Encodes_and_decodes_official_examples(string name, RlpTree tree, string encoded)
    {
        Assert.True(Hex.Encode(tree.Encode()) == encoded, name);
        Assert.Equal(tree, Decode(Hex.Decode(encoded)));
    }

    [Theory]
    [InlineData("0", "0x80")]
    [InlineData("1", "0x01")]
    [InlineData("16", "0x10")]
    [InlineData("79", "0x4f")]
    [InlineData("127", "0x7f")]
    [InlineData("128", "0x8180")]
    [InlineData("1000", "0x8203e8")]
    [InlineData("1024", "0x820400")]
    [InlineData("100000", "0x830186a0")]
    [InlineData("18446744073709551615", "0x88ffffffffffffffff")]
    [InlineData("83729609699884896815286331701780722", "0x8f102030405060708090a0b0c0d0e0f2")]
    [InlineData("105315505618206987246253880190783558935785933862974822347068935681", "0x9c0100020003000400050006000700080009000a000b000c000d000e01")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935", "0xa0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void Encodes_and_decodes_integers(string value, string encoded)
    {
        var number = UInt256.Parse(value);
        var output = new byte[RlpLength.OfUInt(number)];
        var writer = new RlpWriter(output);
        writer.WriteUInt(number);
        Assert.Equal(encoded, Hex.Encode(output));

        var reader = new RlpReader(Hex.Decode(encoded));
        Assert.Equal(number, reader.ReadUInt256());
        reader.EnsureEnd();
        if (number.FitsInUInt64)
        {
            Assert.Equal(encoded, Hex.Encode(RlpEncoding.EncodeUInt(number.ToUInt64())));
            Assert.Equal(number.ToUInt64(), new RlpReader(Hex.Decode(encoded)).ReadUInt64());
        }
    }

    [Fact]
    public void Encodes_a_1024_byte_string_with_a_two_byte_length()
    {
        var payload = new byte[1024];
        var encoded = RlpEncoding.EncodeBytes(payload);
        Assert.Equal("0xb90400", Hex.Encode(encoded.AsSpan(0, 3)));
        Assert.Equal(payload, new RlpReader(encoded).ReadBytes().ToArray());
    }

    // Each rejection the reader makes, with the words of its message that name the cause.
    [Theory]
    [InlineData("", "input ended")]
    [InlineData("0x8100", "single byte 0x00 below 0x80 must not be wrapped")]
    [InlineData("0x8101", "single byte 0x01 below 0x80 must not be wrapped")]
    [InlineData("0x817f", "single byte 0x7f below 0x80 must not be wrapped")]
    [InlineData("0x81", "string of 1 byte runs past the end")]
    [InlineData("0x83646f", "string of 3 bytes runs past the end")]
    [InlineData("0xa0000000", "string of 32 bytes runs past the end")]
    [InlineData("0xb80100", "long form used for a length of 1")]
    [InlineData("0xf80180", "long form used for a length of 1")]
    [InlineData("0xf80100", "long form used for a length of 1")]
    [InlineData("0xb90040" + "00", "length has a leading zero byte")]
    [InlineData("0xf9003f" + "00", "length has a leading zero byte")]
    [InlineData("0xb8", "length prefix runs past the end")]
    [InlineData("0xba0100", "length prefix runs past the end")]
    [InlineData("0xba010000aabbccddeeff", "string of 65536 bytes runs past the end")]
    [InlineData("0xf90180", "list of 384 bytes runs past the end")]
    [InlineData("0xc38201", "list of 3 bytes runs past the end")]
    [InlineData("0xbf0f000000000000021111", "length of 8 bytes overflows the size limit")]
    [InlineData("0xff0f000000000000021111", "length of 8 bytes overflows the size limit")]
    [InlineData("0xbb04000001", "exceeds the 67108864-byte limit")]
    public void Rejects_non_canonical_or_truncated_items(string hex, string reason)
    {
        var input = hex.Length == 0 ? [] : Hex.Decode(hex);
        var error = Assert.Throws<RlpException>(() => Decode(input));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_the_long_form_for_the_longest_short_length()
    {
        var input = Hex.Decode("0xb837" + new string('6', 110));
        Assert.Contains("long form used for a length of 55", Assert.Throws<RlpException>(() => Decode(input)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_item_inside_a_list_that_runs_past_the_list()
    {
        // The list claims 2 bytes; its string claims 3 of them.
        var error = Assert.Throws<RlpException>(() => Decode(Hex.Decode("0xc28300ff")));
        Assert.Contains("at byte 1: string of 3 bytes runs past the end", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x8080", "1 unexpected trailing byte")]
    [InlineData("0xc0c0", "1 unexpected trailing byte")]
    [InlineData("0x83646f6700ff", "2 unexpected trailing byte")]
    public void Rejects_trailing_bytes(string hex, string reason)
    {
        var error = Assert.Throws<RlpException>(() => Decode(Hex.Decode(hex)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x00", "integer has a leading zero byte")]
    [InlineData("0x820001", "integer has a leading zero byte")]
    [InlineData("0x8900ffffffffffffffff", "integer of 9 bytes does not fit in 64 bits")]
    [InlineData("0x89010000000000000000", "integer of 9 bytes does not fit in 64 bits")]
    [InlineData("0xc0", "expected a string but found a list")]
    public void Rejects_non_canonical_64_bit_integers(string hex, string reason)
    {
        var error = Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode(hex)).ReadUInt64());
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0xa00000000000000000000000000000000000000000000000000000000000000001", "integer has a leading zero byte")]
    [InlineData("0xa1010000000000000000000000000000000000000000000000000000000000000000", "integer of 33 bytes does not fit in 256 bits")]
    public void Rejects_non_canonical_256_bit_integers(string hex, string reason)
    {
        var error = Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode(hex)).ReadUInt256());
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_to_the_256_is_canonical_rlp_but_not_a_uint256()
    {
        // rlptest.json "bigint": valid RLP whose value is one past the largest uint256.
        var encoded = Hex.Decode("0xa1010000000000000000000000000000000000000000000000000000000000000000");
        var payload = new RlpReader(encoded).ReadBytes();
        Assert.Equal(BigInteger.Pow(2, 256), new BigInteger(payload, isUnsigned: true, isBigEndian: true));
    }

    [Theory]
    [InlineData("0x93000000000000000000000000000000000000aa", "expected a 20-byte address, got 19 bytes")]
    [InlineData("0x80", "expected a 20-byte address, got 0 bytes")]
    public void Rejects_addresses_of_the_wrong_size(string hex, string reason)
    {
        var error = Assert.Throws<RlpException>(() => new RlpReader(Hex.Decode(hex)).ReadAddress());
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_list_where_a_string_is_expected_and_the_reverse()
    {
        Assert.Contains("expected a list but found a string", Assert.Throws<RlpException>(() => new RlpReader([0x80]).ReadList()).Message, StringComparison.Ordinal);
        Assert.Contains("expected a 32-byte hash, got 1 bytes", Assert.Throws<RlpException>(() => new RlpReader([0x01]).ReadHash()).Message, StringComparison.Ordinal);
    }
}
