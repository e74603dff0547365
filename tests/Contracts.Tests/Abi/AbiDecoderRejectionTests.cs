using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Abi;

/// <summary>Malformed ABI data is refused with a message that says what is wrong and where.</summary>
public sealed class AbiDecoderRejectionTests
{
    private const string Zero = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string One = "0000000000000000000000000000000000000000000000000000000000000001";
    private const string Two = "0000000000000000000000000000000000000000000000000000000000000002";
    private const string Offset32 = "0000000000000000000000000000000000000000000000000000000000000020";

    [Theory]
    [InlineData("uint8", "0000000000000000000000000000000000000000000000000000000000000100", "does not fit in uint8")]
    [InlineData("uint64", "0000000000000000000000000000000000000000000000010000000000000000", "does not fit in uint64")]
    [InlineData("int8", "0000000000000000000000000000000000000000000000000000000000000080", "not sign-extended")]
    [InlineData("int8", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "not sign-extended")]
    [InlineData("int16", "00000000000000000000000000000000000000000000000000000000ffff8000", "not sign-extended")]
    [InlineData("bool", Two, "bad bool")]
    [InlineData("bool", "0100000000000000000000000000000000000000000000000000000000000001", "bad bool")]
    [InlineData("address", "000000000000000000000001f39fd6e51aad88f6f4ce6ab8827279cfffb92266", "dirty high bytes")]
    [InlineData("bytes1", "6162000000000000000000000000000000000000000000000000000000000000", "non-zero padding after the 1 bytes")]
    [InlineData("bytes31", "00000000000000000000000000000000000000000000000000000000000000ff", "non-zero padding")]
    public void Rejects_dirty_static_words(string type, string word, string problem)
    {
        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Parse(type), Hex.Decode(word)));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains("at byte 0", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int8", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80", -128)]
    [InlineData("int8", "000000000000000000000000000000000000000000000000000000000000007f", 127)]
    [InlineData("int256", "8000000000000000000000000000000000000000000000000000000000000000", null)]
    public void Accepts_extreme_in_range_signed_values(string type, string word, int? expected)
    {
        var value = (System.Numerics.BigInteger)AbiDecoder.Decode(AbiType.Parse(type), Hex.Decode(word));

        Assert.Equal(expected is { } e ? new System.Numerics.BigInteger(e) : -(System.Numerics.BigInteger.One << 255), value);
    }

    [Fact]
    public void Rejects_short_data()
    {
        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiUIntType.UInt256, AbiUIntType.UInt256], Hex.Decode(One + "00")));

        Assert.Contains("data too short", e.Message, StringComparison.Ordinal);
        Assert.Contains("at byte 32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_trailing_data()
    {
        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiUIntType.UInt256], Hex.Decode(One + One)));

        Assert.Contains("32 trailing bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_data_for_an_empty_parameter_list()
    {
        Assert.Empty(AbiDecoder.Decode(Array.Empty<AbiType>(), []));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(Array.Empty<AbiType>(), [0]));
    }

    [Fact]
    public void Rejects_an_offset_outside_the_data()
    {
        var data = Hex.Decode("0000000000000000000000000000000000000000000000000000000000000040" + Zero);

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiBytesType.Instance], data));

        Assert.Contains("offset 64 points outside the data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_offset_that_does_not_fit_a_machine_integer()
    {
        var data = Hex.Decode("0000000000000000000000000000000000000000000000010000000000000020" + Zero);

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiStringType.Instance], data));

        Assert.Contains("points outside the data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_byte_string_length_beyond_the_data()
    {
        var data = Hex.Decode(Offset32 + "0000000000000000000000000000000000000000000000000000000000000021" + Zero);

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiBytesType.Instance], data));

        Assert.Contains("length 33 overflows the data", e.Message, StringComparison.Ordinal);
        Assert.Contains("at byte 32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_huge_length()
    {
        var data = Hex.Decode(Offset32 + new string('f', 64));

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiType.Parse("uint256[]")], data));

        Assert.Contains("array length 115792089237316195423570985008687907853269984665640564039457584007913129639935 overflows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_array_length_beyond_the_data()
    {
        var data = Hex.Decode(Offset32 + "0000000000000000000000000000000000000000000000000000000000000003" + One + One);

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiType.Parse("uint256[]")], data));

        Assert.Contains("at most 2 elements", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_missing_padding_of_a_byte_string()
    {
        var data = Hex.Decode(Offset32 + One + "61");

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiBytesType.Instance], data));

        Assert.Contains("need 32 bytes with padding", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_non_zero_padding_of_a_byte_string()
    {
        var data = Hex.Decode(Offset32 + One + "6100000000000000000000000000000000000000000000000000000000000001");

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiStringType.Instance], data));

        Assert.Contains("non-zero padding after the byte string", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_invalid_utf8_in_a_string()
    {
        var data = Hex.Decode(Offset32 + One + "ff00000000000000000000000000000000000000000000000000000000000000");

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiStringType.Instance], data));

        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_aliased_offsets_that_would_amplify_the_data()
    {
        // uint256[][] of 4 elements that all point at the same inner array of 2 words.
        var data = Hex.Decode(
            Offset32 +
            "0000000000000000000000000000000000000000000000000000000000000004" +
            string.Concat(Enumerable.Repeat("0000000000000000000000000000000000000000000000000000000000000080", 4)) +
            "0000000000000000000000000000000000000000000000000000000000000002" + One + One);

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode([AbiType.Parse("uint256[][]")], data));

        Assert.Contains("same region more than once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_parameter_path_of_the_problem()
    {
        var parameters = new[]
        {
            new AbiParameter("owner", AbiAddressType.Instance),
            new AbiParameter("flags", AbiType.Parse("bool[]")),
        };
        var data = Hex.Decode(Zero + "0000000000000000000000000000000000000000000000000000000000000040" + Two + One + Two);

        var e = Assert.Throws<AbiException>(() => AbiDecoder.Decode(parameters, data));

        Assert.Contains("(flags[1])", e.Message, StringComparison.Ordinal);
        Assert.Contains("at byte 128", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_log_with_the_wrong_topic_count_or_signature()
    {
        var @event = new AbiEvent("Ping", [new AbiParameter("who", AbiAddressType.Instance, Indexed: true)]);
        var whoTopic = new Hash256(new byte[32]);

        Assert.Contains("has 2 topics", Assert.Throws<AbiException>(() => @event.Decode([@event.Topic0], [])).Message, StringComparison.Ordinal);
        Assert.Contains("not the signature hash", Assert.Throws<AbiException>(() => @event.Decode([whoTopic, whoTopic], [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_dirty_indexed_topic()
    {
        var @event = new AbiEvent("Ping", [new AbiParameter("who", AbiAddressType.Instance, Indexed: true)]);
        var dirty = Hash256.Parse("0xff0000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266");

        var e = Assert.Throws<AbiException>(() => @event.Decode([@event.Topic0, dirty], []));

        Assert.Contains("(who)", e.Message, StringComparison.Ordinal);
        Assert.Contains("dirty high bytes", e.Message, StringComparison.Ordinal);
    }
}
