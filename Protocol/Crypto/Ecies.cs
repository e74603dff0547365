using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// Public-key encryption to a secp256k1 key: what wallets use to send transactions and requests to the network key,
/// and what an enclave uses to pass the master seed to another enclave's key.
/// <para>
/// Format v1 (overhead 66 bytes):
/// <code>
/// offset  size  field
///      0     1  version = 0x01
///      1    33  E: ephemeral public key, SEC1 compressed (0x02/0x03 ‖ x)
///     34    16  adTag = HMAC-SHA256(kAd, associatedData)[..16]
///     50     n  AES-256-GCM ciphertext of the n-byte plaintext
///   50+n    16  GCM tag over (header = bytes 0..49 as GCM associated data, ciphertext)
/// </code>
/// Keys: x = ECDH(e, R).x (32 bytes); kEnc (32) ‖ nonce (12) ‖ kAd (32) = HKDF-SHA256(ikm = x, salt = none,
/// info = "Obscuro.Ecies.v1" ‖ 0x00 ‖ E (33) ‖ R (33, compressed)). A fresh ephemeral key e per message comes from
/// the injected random source.
/// </para>
/// <para>
/// Why E and R are in the HKDF info: the x coordinate alone is the same for E and −E, so without E in the derivation
/// flipping the prefix byte 0x02↔0x03 would give a second valid ciphertext for the same message (a malleability that
/// breaks de-duplication by ciphertext hash); with E in it any change to E changes every key. R binds the keys to the
/// intended recipient, so a shared x can never be reused for a different key pair. Why a derived nonce: every message
/// has its own key (a fresh e), so each GCM key encrypts exactly once and any fixed nonce would be safe; deriving it
/// costs nothing and keeps 12 random bytes off the wire. Associated data is bound by the adTag (see
/// <see cref="AeadCore"/>), so a wrong associated data gets its own rejection instead of a bare tag mismatch.
/// </para>
/// Decryption is one ECDH (libsecp256k1, with the point decompression), one HKDF, one HMAC and one AES-GCM, with no
/// heap allocation beyond the AesGcm object.
/// </summary>
public static class Ecies
{
    public const byte Version1 = 0x01;

    /// <summary>Bytes added to the plaintext: version 1 + ephemeral key 33 + adTag 16 + GCM tag 16.</summary>
    public const int Overhead = HeaderSize + AeadCore.TagSize;

    private const int EphemeralOffset = 1;
    private const int AdTagOffset = EphemeralOffset + Secp256k1.CompressedPublicKeySize;
    private const int HeaderSize = AdTagOffset + AeadCore.AdTagSize;

    public static int CiphertextLength(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return plaintextLength + Overhead;
    }

    /// <summary>The plaintext length a ciphertext of this length would open to (0 for one too short to be valid).</summary>
    public static int PlaintextLength(int ciphertextLength) => Math.Max(0, ciphertextLength - Overhead);

    public static byte[] Encrypt(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, IRandomSource random)
    {
        var ciphertext = new byte[CiphertextLength(plaintext.Length)];
        Encrypt(recipientPublicKey, plaintext, associatedData, random, ciphertext);
        return ciphertext;
    }

    /// <summary>
    /// Encrypts to <paramref name="recipientPublicKey"/> (64-byte x ‖ y, 65-byte 0x04-prefixed or 33-byte compressed).
    /// <paramref name="destination"/> must be exactly <see cref="CiphertextLength"/> bytes and must not overlap the plaintext.
    /// </summary>
    [SkipLocalsInit]
    public static void Encrypt(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, IRandomSource random, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (destination.Length != CiphertextLength(plaintext.Length))
        {
            throw new ArgumentException($"Destination must be {CiphertextLength(plaintext.Length)} bytes, got {destination.Length}.", nameof(destination));
        }

        Span<byte> recipient = stackalloc byte[Secp256k1.PublicKeySize];
        if (!Secp256k1.TryNormalizePublicKey(recipientPublicKey, recipient))
        {
            throw new ArgumentException("The recipient public key is not a point on secp256k1.", nameof(recipientPublicKey));
        }

        Span<byte> recipientCompressed = stackalloc byte[Secp256k1.CompressedPublicKeySize];
        Secp256k1KeyPair.Compress(recipient, recipientCompressed);

        Span<byte> ephemeralPrivate = stackalloc byte[Secp256k1.PrivateKeySize];
        Span<byte> shared = stackalloc byte[Secp256k1.SharedSecretSize];
        Span<byte> material = stackalloc byte[AeadCore.BoundMaterialSize];
        try
        {
            Secp256k1KeyPair.DrawPrivateKey(random, ephemeralPrivate);
            Span<byte> ephemeralPublic = stackalloc byte[Secp256k1.PublicKeySize];
            Secp256k1.DerivePublicKey(ephemeralPrivate, ephemeralPublic);
            var ephemeral = destination.Slice(EphemeralOffset, Secp256k1.CompressedPublicKeySize);
            Secp256k1KeyPair.Compress(ephemeralPublic, ephemeral);
            if (!Secp256k1.TryEcdh(recipient, ephemeralPrivate, shared))
            {
                throw new CryptographicException("ECDH failed for a validated point and scalar.");
            }

            DeriveMaterial(shared, ephemeral, recipientCompressed, material);
            destination[0] = Version1;
            AeadCore.ComputeAdTag(material, associatedData, destination.Slice(AdTagOffset, AeadCore.AdTagSize));
            AeadCore.Encrypt(material, destination[..HeaderSize], plaintext, destination[HeaderSize..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ephemeralPrivate);
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Decrypts or throws <see cref="CiphertextRejectedException"/> saying why it could not.</summary>
    public static byte[] Decrypt(Secp256k1KeyPair recipient, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData)
    {
        var plaintext = new byte[PlaintextLength(ciphertext.Length)];
        if (!TryDecrypt(recipient, ciphertext, associatedData, plaintext, out _, out var rejection))
        {
            throw new CiphertextRejectedException("ECIES ciphertext", rejection);
        }

        return plaintext;
    }

    /// <summary>
    /// Decrypts into <paramref name="plaintext"/> (at least <see cref="PlaintextLength"/> bytes). On failure returns
    /// false with the reason, and <paramref name="plaintext"/> is all zeros.
    /// </summary>
    [SkipLocalsInit]
    public static bool TryDecrypt(
        Secp256k1KeyPair recipient,
        ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> associatedData,
        Span<byte> plaintext,
        out int plaintextLength,
        out CiphertextRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (plaintext.Length < PlaintextLength(ciphertext.Length))
        {
            throw new ArgumentException($"Plaintext buffer must hold {PlaintextLength(ciphertext.Length)} bytes, got {plaintext.Length}.", nameof(plaintext));
        }

        plaintextLength = 0;
        rejection = CheckFraming(ciphertext);
        if (rejection != CiphertextRejection.None)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }

        var ephemeral = ciphertext.Slice(EphemeralOffset, Secp256k1.CompressedPublicKeySize);
        Span<byte> shared = stackalloc byte[Secp256k1.SharedSecretSize];
        Span<byte> material = stackalloc byte[AeadCore.BoundMaterialSize];
        try
        {
            if (!recipient.TryEcdh(ephemeral, shared))
            {
                rejection = CiphertextRejection.BadEphemeralKey;
            }
            else
            {
                DeriveMaterial(shared, ephemeral, recipient.CompressedPublicKey, material);
                var length = ciphertext.Length - Overhead;
                if (!AeadCore.TryDecrypt(material, ciphertext[..HeaderSize], ciphertext[HeaderSize..], plaintext[..length]))
                {
                    rejection = CiphertextRejection.AuthenticationFailed;
                }
                else if (!AeadCore.AdTagMatches(material, associatedData, ciphertext.Slice(AdTagOffset, AeadCore.AdTagSize)))
                {
                    rejection = CiphertextRejection.AssociatedDataMismatch;
                }
                else
                {
                    plaintextLength = length;
                    return true;
                }
            }

            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private static CiphertextRejection CheckFraming(ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.IsEmpty) return CiphertextRejection.TooShort;
        if (ciphertext[0] != Version1) return CiphertextRejection.UnsupportedVersion;
        return ciphertext.Length < Overhead ? CiphertextRejection.TooShort : CiphertextRejection.None;
    }

    [SkipLocalsInit]
    private static void DeriveMaterial(ReadOnlySpan<byte> sharedX, ReadOnlySpan<byte> ephemeral33, ReadOnlySpan<byte> recipient33, Span<byte> material)
    {
        Span<byte> info = stackalloc byte[CryptoLabels.EciesBytes.Length + 1 + (2 * Secp256k1.CompressedPublicKeySize)];
        var offset = CryptoLabels.WritePrefix(CryptoLabels.EciesBytes, info);
        ephemeral33.CopyTo(info[offset..]);
        recipient33.CopyTo(info[(offset + Secp256k1.CompressedPublicKeySize)..]);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedX, material, salt: default, info);
    }
}
