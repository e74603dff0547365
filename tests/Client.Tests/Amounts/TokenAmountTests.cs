using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Client.Amounts;
using Obscuro.Client.Errors;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Tests.Amounts;

public sealed class TokenAmountTests
{
    [Property(Arbitrary = [typeof(AmountArbitraries)])]
    public bool Formatting_then_parsing_gives_back_every_amount(UInt256 value, Decimals decimals) =>
        TokenAmount.Parse(TokenAmount.Format(value, decimals.Value), decimals.Value, "TOK") == value;

    [Property(Arbitrary = [typeof(AmountArbitraries)])]
    public bool Formatted_amounts_are_canonical(UInt256 value, Decimals decimals)
    {
        var text = TokenAmount.Format(value, decimals.Value);
        var canonicalWhole = !text.StartsWith('0') || text == "0" || text.StartsWith("0.", StringComparison.Ordinal);
        var noTrailingZero = !text.Contains('.', StringComparison.Ordinal) || !text.EndsWith('0');
        return canonicalWhole && noTrailingZero && text.All(c => char.IsAsciiDigit(c) || c == '.');
    }

    [Property(Arbitrary = [typeof(AmountArbitraries)])]
    public bool Trailing_zeros_in_the_fraction_do_not_change_the_value(UInt256 value, Decimals decimals)
    {
        if (decimals.Value == 0)
        {
            return true;
        }

        var text = TokenAmount.Format(value, decimals.Value);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        var whole = point < 0 ? text : text[..point];
        return TokenAmount.Parse(whole + "." + fraction.PadRight(decimals.Value, '0'), decimals.Value, "TOK") == value;
    }

    [Property(Arbitrary = [typeof(AmountArbitraries)])]
    public bool Scaling_by_ten_moves_the_decimal_point(UInt256 value, Decimals decimals)
    {
        var small = value / new UInt256(10);
        var up = decimals.Value == 0 ? small : UInt256.FromBigInteger(small.ToBigInteger() * 10);
        return decimals.Value == 0 || TokenAmount.Format(small, decimals.Value - 1) == TokenAmount.Format(up, decimals.Value);
    }

    [Theory]
    [InlineData("1", 18, "1000000000000000000")]
    [InlineData("1.5", 18, "1500000000000000000")]
    [InlineData("0.000000000000000001", 18, "1")]
    [InlineData(" 2.25 ", 6, "2250000")]
    [InlineData("007", 0, "7")]
    public void Parses_decimal_amounts_exactly(string text, int decimals, string baseUnits) =>
        Assert.Equal(UInt256.Parse(baseUnits), TokenAmount.Parse(text, decimals, "TOK"));

    [Theory]
    [InlineData("1000000000000000000", 18, "1")]
    [InlineData("1500000000000000000", 18, "1.5")]
    [InlineData("1", 18, "0.000000000000000001")]
    [InlineData("0", 18, "0")]
    [InlineData("123", 0, "123")]
    public void Formats_base_units_in_units(string baseUnits, int decimals, string text) =>
        Assert.Equal(text, TokenAmount.Format(UInt256.Parse(baseUnits), decimals));

    [Theory]
    [InlineData("", "No amount")]
    [InlineData("-1", "negative")]
    [InlineData("1e18", "not an amount")]
    [InlineData("1,5", "not an amount")]
    [InlineData(".5", "not an amount")]
    [InlineData("5.", "not an amount")]
    [InlineData("1.2.3", "not an amount")]
    [InlineData("0x10", "not an amount")]
    [InlineData("1.0000000000000000001", "19 decimal places, but ETH has 18")]
    [InlineData("999999999999999999999999999999999999999999999999999999999999999999999999999999", "too large")]
    public void Refuses_malformed_amounts_with_a_message_that_says_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<InputFormatException>(() => Asset.Eth.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.Hint);
        Assert.Equal(ClientErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void Assets_format_with_their_symbol()
    {
        Assert.Equal("1.5 ETH", Asset.Eth.Format(UInt256.Parse("1500000000000000000")));
        var token = new Asset("TT", 6, Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        Assert.Equal("0.000001 TT", token.Format(UInt256.One));
        Assert.False(token.L2Address.IsZero);
    }

    /// <summary>A decimals count a token may have.</summary>
    public sealed record Decimals(int Value);

    public static class AmountArbitraries
    {
        public static Arbitrary<UInt256> UInt256() =>
            Gen.Elements(0, 1, 2, 3, 4).SelectMany(words =>
                Gen.ArrayOf(ArbMap.Default.GeneratorFor<ulong>(), 4).Select(parts => new Protocol.Ethereum.UInt256(
                    parts[0], words > 1 ? parts[1] : 0, words > 2 ? parts[2] : 0, words > 3 ? parts[3] : 0)))
            .ToArbitrary();

        public static Arbitrary<Decimals> Decimals() =>
            Gen.OneOf(Gen.Elements(0, 6, 8, 18), Gen.Choose(0, TokenAmount.MaxDecimals)).Select(d => new Decimals(d)).ToArbitrary();
    }
}
