using Obscuro.Client.Errors;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client;

/// <summary>Parses what people type (addresses, transaction hashes) with errors that say how to fix the input.</summary>
public static class UserInput
{
    /// <summary>
    /// 40 hex digits with an optional 0x. Mixed case must carry a valid EIP-55 checksum: a wrong one is refused, since it
    /// usually means a typo and funds sent to a mistyped address are lost.
    /// </summary>
    public static Address ParseAddress(string? text, string what)
    {
        if (Address.TryParse(text?.Trim(), out var address, out var error))
        {
            return address;
        }

        var hint = error.Contains("checksum", StringComparison.Ordinal)
            ? "Copy the address again from its source; if you typed it, check every character (the checksum is in the letter case)."
            : "An address is 0x followed by 40 hex digits, e.g. 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed.";
        throw new InputFormatException($"The {what} '{text}' is not a valid address: {error}", hint);
    }

    /// <summary>A 32-byte hash as 0x and 64 hex digits.</summary>
    public static Hash256 ParseHash(string? text, string what)
    {
        try
        {
            return Hash256.Parse((text ?? string.Empty).Trim());
        }
        catch (FormatException e)
        {
            throw new InputFormatException($"The {what} '{text}' is not a 32-byte hash: {e.Message}", "A transaction hash is 0x followed by 64 hex digits, as printed by transfer or withdraw.");
        }
    }
}
