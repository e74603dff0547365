namespace Obscuro.Silo.Tee.Azure;

/// <summary>Base64url without padding, as every Azure data-plane byte field uses.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Decodes or throws <see cref="FormatException"/> naming <paramref name="what"/> (never the text itself).</summary>
    public static byte[] Decode(string? text, string what)
    {
        if (string.IsNullOrEmpty(text) || text.Contains('=', StringComparison.Ordinal) || !System.Buffers.Text.Base64Url.IsValid(text))
        {
            throw new FormatException($"{what} is not unpadded base64url.");
        }

        return System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }
}
