using System.Globalization;
using System.Numerics;
using Obscuro.Client.Errors;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Amounts;

/// <summary>
/// Decimal amounts in an asset's units ("1.5" ETH) to and from base units (wei). Exact: no floating point anywhere, so
/// <c>Parse(Format(x, d), d) == x</c> for every 256-bit x and every d.
/// </summary>
public static class TokenAmount
{
    /// <summary>Most decimals a token may declare and still be shown (ERC-20 allows up to 255; real ones use ≤ 18).</summary>
    public const int MaxDecimals = 77;

    /// <summary>
    /// Parses digits with an optional decimal point and fraction (<c>1</c>, <c>1.5</c>, <c>0.000001</c>). Refuses signs,
    /// exponents, separators, more fraction digits than <paramref name="decimals"/> and values beyond 256 bits, each with
    /// a message that says how to write it.
    /// </summary>
    public static UInt256 Parse(string? text, int decimals, string unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw Bad("No amount was given.", unit);
        }

        if (trimmed[0] == '-')
        {
            throw Bad($"'{trimmed}' is negative; amounts are never negative.", unit);
        }

        var point = trimmed.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? trimmed : trimmed[..point];
        var fraction = point < 0 ? string.Empty : trimmed[(point + 1)..];
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0) || !IsDigits(whole) || !IsDigits(fraction))
        {
            throw Bad($"'{trimmed}' is not an amount.", unit);
        }

        if (fraction.Length > decimals)
        {
            throw new InputFormatException(
                $"'{trimmed}' has {fraction.Length} decimal places, but {unit} has {decimals}.",
                decimals == 0 ? $"{unit} amounts are whole numbers." : $"Use at most {decimals} digits after the decimal point.");
        }

        var value = BigInteger.Parse(whole + fraction.PadRight(decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        if (value.GetByteCount(isUnsigned: true) > UInt256.Size)
        {
            throw Bad($"'{trimmed}' is too large for any {unit} amount.", unit);
        }

        return UInt256.FromBigInteger(value);
    }

    /// <summary>The amount in units, without trailing zeros in the fraction: 1500000000000000000 wei at 18 decimals is "1.5".</summary>
    public static string Format(UInt256 baseUnits, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        var digits = baseUnits.ToBigInteger().ToString(CultureInfo.InvariantCulture);
        if (decimals == 0)
        {
            return digits;
        }

        digits = digits.PadLeft(decimals + 1, '0');
        var whole = digits[..^decimals];
        var fraction = digits[^decimals..].TrimEnd('0');
        return fraction.Length == 0 ? whole : whole + "." + fraction;
    }

    private static bool IsDigits(string text) => text.All(char.IsAsciiDigit);

    private static InputFormatException Bad(string message, string unit) =>
        new(message, $"Write the amount in {unit} as digits with an optional decimal point, such as 1.5 or 0.25.");
}
