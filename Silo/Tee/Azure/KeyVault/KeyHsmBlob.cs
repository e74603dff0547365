using System.Security.Cryptography;
using System.Text.Json;

namespace Obscuro.Silo.Tee.Azure.KeyVault;

/// <summary>
/// The <c>key_hsm</c> of a released key: base64url of
/// <c>{"schema_version", "header": {"kid": transfer key, "alg": "dir", "enc": "RSA_AES_KEY_WRAP_256"}, "ciphertext"}</c>
/// where ciphertext = RSA-OAEP-SHA256(transfer key, ephemeral AES key) ‖ RFC 5649 AES key wrap with padding of the
/// key material under that ephemeral key (CKM_RSA_AES_KEY_WRAP). The RSA part is as long as the transfer key's
/// modulus. That Key Vault pairs <c>RSA_AES_KEY_WRAP_256</c> with OAEP-SHA256 is from its documentation; a real
/// release confirms it.
/// </summary>
public sealed class KeyHsmBlob
{
    public const string Encryption = "RSA_AES_KEY_WRAP_256";

    private readonly byte[] _ciphertext;

    private KeyHsmBlob(string transferKeyId, byte[] ciphertext)
    {
        TransferKeyId = transferKeyId;
        _ciphertext = ciphertext;
    }

    /// <summary>The <c>kid</c> of the runtime key Key Vault wrapped to (from the attestation token).</summary>
    public string TransferKeyId { get; }

    public static KeyHsmBlob Parse(string keyHsm)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Base64Url.Decode(keyHsm, "key_hsm"));
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            throw new KeyReleaseException("The released key's key_hsm is not base64url JSON.", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("header", out var header) || header.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("ciphertext", out var ciphertext) || ciphertext.ValueKind != JsonValueKind.String)
            {
                throw new KeyReleaseException("The released key's key_hsm has no header and ciphertext.");
            }

            var alg = header.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var enc = header.TryGetProperty("enc", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var kid = header.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (alg != "dir" || enc != Encryption || string.IsNullOrEmpty(kid))
            {
                throw new KeyReleaseException($"The released key's key_hsm header is alg '{alg}', enc '{enc}'; expected alg 'dir', enc '{Encryption}' and a kid.");
            }

            try
            {
                return new KeyHsmBlob(kid, Base64Url.Decode(ciphertext.GetString(), "key_hsm ciphertext"));
            }
            catch (FormatException exception)
            {
                throw new KeyReleaseException("The released key's key_hsm ciphertext is not base64url.", exception);
            }
        }
    }

    /// <summary>Builds a key_hsm (used by tests' fake vault and to document the format by construction).</summary>
    public static string Create(string transferKeyId, RSA transferPublicKey, ReadOnlySpan<byte> keyMaterial)
    {
        ArgumentNullException.ThrowIfNull(transferPublicKey);
        var ephemeral = RandomNumberGenerator.GetBytes(32);
        try
        {
            var rsaPart = transferPublicKey.Encrypt(ephemeral, RSAEncryptionPadding.OaepSHA256);
            var aesPart = AesKeyWrap.WrapWithPadding(ephemeral, keyMaterial);
            var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["schema_version"] = "1.0",
                ["header"] = new Dictionary<string, string> { ["kid"] = transferKeyId, ["alg"] = "dir", ["enc"] = Encryption },
                ["ciphertext"] = Base64Url.Encode([.. rsaPart, .. aesPart]),
            });
            return Base64Url.Encode(json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ephemeral);
        }
    }

    /// <summary>
    /// Recovers the key material: the first <paramref name="transferKeyModulusBytes"/> bytes go to
    /// <paramref name="decryptOaepSha256"/> (the vTPM, in production), the rest is unwrapped under the AES key it returns.
    /// </summary>
    public async Task<byte[]> UnwrapAsync(
        int transferKeyModulusBytes, Func<ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> decryptOaepSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decryptOaepSha256);
        if (transferKeyModulusBytes < 256 || _ciphertext.Length < transferKeyModulusBytes + 16)
        {
            throw new KeyReleaseException($"The key_hsm ciphertext ({_ciphertext.Length} bytes) does not fit a {transferKeyModulusBytes * 8}-bit transfer key and a wrapped key.");
        }

        var aesKey = await decryptOaepSha256(_ciphertext.AsMemory(0, transferKeyModulusBytes), cancellationToken).ConfigureAwait(false);
        try
        {
            if (aesKey.Length is not (16 or 24 or 32))
            {
                throw new KeyReleaseException($"The transfer key decrypted to {aesKey.Length} bytes, not an AES key.");
            }

            return AesKeyWrap.UnwrapWithPadding(aesKey, _ciphertext.AsSpan(transferKeyModulusBytes));
        }
        catch (CryptographicException exception)
        {
            throw new KeyReleaseException("The released key material does not unwrap under the transfer key (altered, or wrapped to another key).", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }
    }

    public override string ToString() => $"key_hsm(transfer key {TransferKeyId}, {_ciphertext.Length} bytes [redacted])";
}
