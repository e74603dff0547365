using System.Globalization;
using System.Text;
using System.Text.Json;
using Obscuro.Client.Errors;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Keys;

/// <summary>
/// Keystore file format, version 1: one JSON file per account, written in this field order.
/// <code>
/// {
///   "format": "obscuro-keystore",
///   "version": 1,
///   "address": "0x…",                  EIP-55 address of the account key
///   "label": "alice",                  or null
///   "created": "2025-01-01T00:00:00Z", ISO 8601, UTC
///   "viewingPublicKey": "0x02…",       33-byte compressed public key of the viewing key
///   "kdf": { "function": "pbkdf2-hmac-sha256", "iterations": 600000, "salt": "0x…(16 bytes)", "passphraseCheck": "0x…(16 bytes)" },
///   "cipher": { "function": "aes-256-gcm", "nonce": "0x…(12 bytes)", "ciphertext": "0x…(64 bytes)", "tag": "0x…(16 bytes)" }
/// }
/// </code>
/// The ciphertext holds the account private key then the viewing private key (32 bytes each). Keys, associated data
/// and the check are defined in <see cref="KeystoreCipher"/>. A reader refuses any other format or version, and any
/// iteration count outside [<see cref="KeystoreCipher.MinimumIterations"/>, <see cref="KeystoreCipher.MaximumIterations"/>].
/// </summary>
internal static class KeystoreFormat
{
    public const string FormatName = "obscuro-keystore";
    public const int Version = 1;
    private const string Kdf = "pbkdf2-hmac-sha256";
    private const string Cipher = "aes-256-gcm";

    public static string Write(KeystoreDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", Version);
            json.WriteString("address", document.Address.ToChecksumString());
            if (document.Label is null)
            {
                json.WriteNull("label");
            }
            else
            {
                json.WriteString("label", document.Label);
            }

            json.WriteString("created", document.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteString("viewingPublicKey", Hex.Encode(document.ViewingPublicKey));
            json.WriteStartObject("kdf");
            json.WriteString("function", Kdf);
            json.WriteNumber("iterations", document.Iterations);
            json.WriteString("salt", Hex.Encode(document.Salt));
            json.WriteString("passphraseCheck", Hex.Encode(document.PassphraseCheck));
            json.WriteEndObject();
            json.WriteStartObject("cipher");
            json.WriteString("function", Cipher);
            json.WriteString("nonce", Hex.Encode(document.Nonce));
            json.WriteString("ciphertext", Hex.Encode(document.Ciphertext));
            json.WriteString("tag", Hex.Encode(document.Tag));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Parses and checks a keystore file; <paramref name="source"/> names it in errors.</summary>
    public static KeystoreDocument Read(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
            {
                throw Invalid(source, $"it is not an {FormatName} file");
            }

            var version = root.GetProperty("version").GetInt32();
            if (version != Version)
            {
                throw new KeystoreException($"{source} is keystore version {version}; this obscuro reads version {Version}.", "Use the obscuro release that wrote it, or re-import the private key.");
            }

            var kdf = root.GetProperty("kdf");
            var cipher = root.GetProperty("cipher");
            if (kdf.GetProperty("function").GetString() != Kdf || cipher.GetProperty("function").GetString() != Cipher)
            {
                throw Invalid(source, $"version 1 uses {Kdf} and {Cipher} only");
            }

            var iterations = kdf.GetProperty("iterations").GetInt32();
            if (iterations is < KeystoreCipher.MinimumIterations or > KeystoreCipher.MaximumIterations)
            {
                throw Invalid(source, $"{iterations} PBKDF2 iterations is outside [{KeystoreCipher.MinimumIterations}, {KeystoreCipher.MaximumIterations}]");
            }

            var label = root.GetProperty("label");
            var created = DateTimeOffset.Parse(root.GetProperty("created").GetString() ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            return new KeystoreDocument(
                Address.Parse(root.GetProperty("address").GetString() ?? string.Empty),
                label.ValueKind == JsonValueKind.Null ? null : label.GetString(),
                created,
                Bytes(root, "viewingPublicKey", 33, source),
                iterations,
                Bytes(kdf, "salt", KeystoreCipher.SaltSize, source),
                Bytes(kdf, "passphraseCheck", KeystoreCipher.CheckSize, source),
                Bytes(cipher, "nonce", KeystoreCipher.NonceSize, source),
                Bytes(cipher, "ciphertext", KeystoreCipher.PlaintextSize, source),
                Bytes(cipher, "tag", KeystoreCipher.TagSize, source));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Invalid(source, e.Message, e);
        }
    }

    private static byte[] Bytes(JsonElement parent, string name, int size, string source)
    {
        var bytes = Hex.Decode(parent.GetProperty(name).GetString() ?? string.Empty);
        return bytes.Length == size ? bytes : throw Invalid(source, $"'{name}' is {bytes.Length} bytes, not {size}");
    }

    private static KeystoreException Invalid(string source, string why, Exception? inner = null) =>
        new($"{source} is not a valid keystore file: {why}.", "Restore the file from a backup, or remove it and re-import the private key.", inner);
}
