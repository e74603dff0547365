namespace Obscuro.Protocol.Ethereum;

/// <summary>Lower-case, 0x-prefixed hex as used by Ethereum JSON-RPC.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true)
    {
        var text = Convert.ToHexStringLower(bytes);
        return prefix ? "0x" + text : text;
    }

    /// <summary>Decodes hex with or without a 0x prefix; an odd length or a non-hex character is an error.</summary>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length % 2 != 0)
        {
            throw new FormatException($"Hex text has an odd number of digits ({text.Length}).");
        }

        var bytes = new byte[text.Length / 2];
        var status = Convert.FromHexString(text, bytes, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            throw new FormatException("Hex text contains a character that is not a hex digit.");
        }

        return bytes;
    }

    /// <summary>Decodes hex into exactly <paramref name="destination"/>.Length bytes.</summary>
    public static void DecodeExact(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length != destination.Length * 2)
        {
            throw new FormatException($"Expected {destination.Length} bytes of hex, got {text.Length} digits.");
        }

        var status = Convert.FromHexString(text, destination, out _, out _);
        if (status != System.Buffers.OperationStatus.Done)
        {
            throw new FormatException("Hex text contains a character that is not a hex digit.");
        }
    }
}
