using System.Globalization;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// JSON-RPC hex encodings, parsed strictly. A QUANTITY is <c>0x</c> then the shortest hex form (<c>0x0</c> for zero,
/// no leading zeros); DATA is <c>0x</c> then two hex digits per byte. Anything else is a <see cref="FormatException"/>
/// naming the problem, since a node that sends garbage should be noticed rather than half-understood.
/// </summary>
public static class HexQuantity
{
    public static string Format(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Format(UInt256 value) => value.ToHexQuantity();

    public static ulong ParseUInt64(string text)
    {
        var digits = Digits(text, maxDigits: 16, "64 bits");
        ulong value = 0;
        foreach (var c in digits)
        {
            value = (value << 4) | (uint)HexValue(c, text);
        }

        return value;
    }

    public static UInt256 ParseUInt256(string text)
    {
        var digits = Digits(text, maxDigits: 64, "256 bits");
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        var position = 64 - digits.Length;
        foreach (var c in digits)
        {
            var nibble = (byte)HexValue(c, text);
            bytes[position / 2] |= (byte)(position % 2 == 0 ? nibble << 4 : nibble);
            position++;
        }

        return UInt256.FromBigEndian(bytes);
    }

    /// <summary>Parses DATA: <c>0x</c> and an even number of hex digits (possibly none).</summary>
    public static byte[] ParseData(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new FormatException($"'{Shorten(text)}' is not hex data: it must start with 0x.");
        }

        if (text.Length % 2 != 0)
        {
            throw new FormatException($"'{Shorten(text)}' is not hex data: it has an odd number of digits.");
        }

        var bytes = new byte[(text.Length - 2) / 2];
        if (Convert.FromHexString(text.AsSpan(2), bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new FormatException($"'{Shorten(text)}' is not hex data: it contains a character that is not a hex digit.");
        }

        return bytes;
    }

    private static ReadOnlySpan<char> Digits(string text, int maxDigits, string width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new FormatException($"'{Shorten(text)}' is not a hex quantity: it must start with 0x.");
        }

        var digits = text.AsSpan(2);
        if (digits.IsEmpty)
        {
            throw new FormatException("'0x' is not a hex quantity: it has no digits (zero is 0x0).");
        }

        if (digits.Length > 1 && digits[0] == '0')
        {
            throw new FormatException($"'{Shorten(text)}' is not a hex quantity: it has a leading zero.");
        }

        foreach (var c in digits)
        {
            HexValue(c, text);
        }

        return digits.Length <= maxDigits
            ? digits
            : throw new FormatException($"'{Shorten(text)}' does not fit in {width}.");
    }

    private static int HexValue(char c, string text) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => throw new FormatException($"'{Shorten(text)}' is not a hex quantity: '{c}' is not a hex digit."),
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
