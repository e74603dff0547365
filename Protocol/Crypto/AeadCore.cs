using System.Security.Cryptography;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// The AES-256-GCM step shared by every format here, plus the associated-data tag used by ECIES and sealing.
/// <para>
/// Why an associated-data tag: AES-GCM alone cannot tell a wrong key or a modified byte from a wrong associated data —
/// all three are one tag mismatch. Callers need the difference (a blob unsealed under the wrong purpose is a bug in
/// the caller, not an attack on storage), so the formats authenticate the body with GCM over the format header only,
/// and bind the associated data separately with adTag = HMAC-SHA256(kAd, associatedData)[..16], which sits in the
/// header and is therefore itself covered by the GCM tag. Opening checks GCM first (failure: wrong key or modified),
/// then the adTag (failure: authentic, but for other associated data). kAd is a per-message key the attacker never
/// sees, so a forged association succeeds with probability 2^-128 per try, like GCM's own tag, and the adTag reveals
/// nothing about the associated data to anyone without the key.
/// </para>
/// Key material is laid out as kEnc (32) ‖ nonce (12) [‖ kAd (32)].
/// </summary>
internal static class AeadCore
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int AdTagSize = 16;

    /// <summary>kEnc ‖ nonce.</summary>
    public const int GcmMaterialSize = KeySize + NonceSize;

    /// <summary>kEnc ‖ nonce ‖ kAd.</summary>
    public const int BoundMaterialSize = GcmMaterialSize + KeySize;

    /// <summary>Writes ciphertext ‖ tag (plaintext length + 16 bytes), authenticating <paramref name="header"/>.</summary>
    public static void Encrypt(ReadOnlySpan<byte> material, ReadOnlySpan<byte> header, ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag)
    {
        using var gcm = new AesGcm(material[..KeySize], TagSize);
        gcm.Encrypt(
            material.Slice(KeySize, NonceSize),
            plaintext,
            ciphertextAndTag[..plaintext.Length],
            ciphertextAndTag.Slice(plaintext.Length, TagSize),
            header);
    }

    /// <summary>Opens ciphertext ‖ tag into <paramref name="plaintext"/>; false (and plaintext zeroed) on a tag mismatch.</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> material, ReadOnlySpan<byte> header, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext)
    {
        var length = ciphertextAndTag.Length - TagSize;
        using var gcm = new AesGcm(material[..KeySize], TagSize);
        try
        {
            gcm.Decrypt(
                material.Slice(KeySize, NonceSize),
                ciphertextAndTag[..length],
                ciphertextAndTag[length..],
                plaintext[..length],
                header);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // .NET has no non-throwing AES-GCM open. The throw costs a few microseconds, after an ECDH that costs
            // tens, so a flood of forged ciphertexts is not made much cheaper to send than to reject.
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }

    public static void ComputeAdTag(ReadOnlySpan<byte> material, ReadOnlySpan<byte> associatedData, Span<byte> adTag)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(material.Slice(GcmMaterialSize, KeySize), associatedData, mac);
        mac[..AdTagSize].CopyTo(adTag);
    }

    public static bool AdTagMatches(ReadOnlySpan<byte> material, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> adTag)
    {
        Span<byte> expected = stackalloc byte[AdTagSize];
        ComputeAdTag(material, associatedData, expected);
        return CryptographicOperations.FixedTimeEquals(expected, adTag);
    }
}
