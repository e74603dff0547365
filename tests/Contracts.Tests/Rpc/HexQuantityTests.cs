using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Rpc;

public sealed class HexQuantityTests
{
    [Theory]
    [InlineData("0x0", 0UL)]
    [InlineData("0x1", 1UL)]
    [InlineData("0x7a69", 31337UL)]
    [InlineData("0xABCdef", 0xabcdefUL)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    public void Parses_quantities(string text, ulong expected)
    {
        Assert.Equal(expected, HexQuantity.ParseUInt64(text));
        Assert.Equal(new UInt256(expected), HexQuantity.ParseUInt256(text));
    }

    [Theory]
    [InlineData("", "must start with 0x")]
    [InlineData("12", "must start with 0x")]
    [InlineData("0X12", "must start with 0x")]
    [InlineData("0x", "no digits")]
    [InlineData("0x00", "leading zero")]
    [InlineData("0x0400", "leading zero")]
    [InlineData("0xg", "'g' is not a hex digit")]
    [InlineData("0x1 ", "' ' is not a hex digit")]
    [InlineData("-0x1", "must start with 0x")]
    [InlineData("0x10000000000000000", "does not fit in 64 bits")]
    public void Rejects_garbage_quantities(string text, string problem)
    {
        var e = Assert.Throws<FormatException>(() => HexQuantity.ParseUInt64(text));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parses_256_bit_quantities_and_rejects_wider_ones()
    {
        var max = "0x" + new string('f', 64);

        Assert.Equal(UInt256.MaxValue, HexQuantity.ParseUInt256(max));
        Assert.Equal("0x1234", HexQuantity.Format(HexQuantity.ParseUInt256("0x1234")));
        Assert.Contains("256 bits", Assert.Throws<FormatException>(() => HexQuantity.ParseUInt256("0x1" + new string('0', 64))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x", 0)]
    [InlineData("0x00", 1)]
    [InlineData("0xdeadBEEF", 4)]
    public void Parses_data(string text, int length)
    {
        Assert.Equal(length, HexQuantity.ParseData(text).Length);
    }

    [Theory]
    [InlineData("deadbeef", "must start with 0x")]
    [InlineData("0x123", "odd number of digits")]
    [InlineData("0xzz", "not a hex digit")]
    public void Rejects_garbage_data(string text, string problem)
    {
        var e = Assert.Throws<FormatException>(() => HexQuantity.ParseData(text));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
