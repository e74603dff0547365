using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// Encryption of a rollup's body: each reveal option's transaction group under EncryptionKey(option, interval), and
/// the layout (where each group sits in the blob) under the layout key. Groups are concatenated into the blob by the
/// rollup code; this class encrypts one group or one layout at a time.
/// <para>
/// Format v1, the same for groups and layouts (overhead 41 bytes):
/// <code>
/// offset  size  field
///      0     1  version = 0x01
///      1    24  S: synthetic salt = HMAC-SHA256(kSiv, associatedData ‖ SHA-256(plaintext))[..24]
///     25     n  AES-256-GCM ciphertext of the n-byte plaintext
///   25+n    16  GCM tag over (header = bytes 0..24 as GCM associated data, ciphertext)
/// </code>
/// With K the reveal key (or layout key): kSiv = HKDF-Expand(K, "Obscuro.RollupGroup.siv.v1" ‖ 0x00, 32) and
/// kEnc (32) ‖ nonce (12) = HKDF-Expand(K, "Obscuro.RollupGroup.v1" ‖ 0x00 ‖ S, 44); a layout uses the
/// "Obscuro.RollupLayout…" labels instead. Associated data: for a group, the <see cref="RollupContext"/> encoding
/// (60) ‖ option (u8) ‖ interval (u64 big-endian), 69 bytes; for a layout, the context encoding alone.
/// </para>
/// <para>
/// Nonces: one reveal key encrypts a group of every candidate rollup of every aggregator during its interval (for XL,
/// a year of rollups), and the layout key every layout for ever, so a GCM key ‖ nonce must never repeat across all of
/// those. Counters are impossible (no shared state between aggregators), and a nonce derived from the rollup alone is
/// not enough, because a host that rolls an enclave's sealed state back can make it build a second, different body
/// for the same parent. So the salt is synthetic (SIV): a keyed hash of the associated data and the plaintext. Two
/// encryptions share a salt only if they encrypt the same plaintext for the same rollup, and then they are the same
/// bytes; otherwise salts collide with probability about q²/2^193 for q groups, and each salt yields its own GCM key.
/// Encryption is deterministic, so rebuilding a rollup from the same inputs gives the same blob.
/// </para>
/// <para>
/// Associated data: when a key is released, anyone must be able to check that a group belongs where it was found, so
/// the associated data is made only of public header fields plus the option and interval (which the key carries); no
/// secret is needed to verify it. The synthetic salt doubles as its check: after GCM accepts, the salt is recomputed
/// from the caller's associated data and the plaintext, and a difference means the group is authentic but belongs to
/// another rollup (or was labelled with another option or interval). A released reveal key yields kSiv and the group
/// keys of its own interval only: HKDF outputs under other keys or labels stay independent.
/// </para>
/// </summary>
public static class RollupCipher
{
    public const byte Version1 = 0x01;
    public const int SaltSize = 24;

    /// <summary>Bytes added to the plaintext: version 1 + synthetic salt 24 + GCM tag 16.</summary>
    public const int Overhead = HeaderSize + AeadCore.TagSize;

    private const int HeaderSize = 1 + SaltSize;
    private const int GroupAssociatedDataSize = RollupContext.EncodedSize + 1 + sizeof(ulong);

    public static int CiphertextLength(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return plaintextLength + Overhead;
    }

    /// <summary>The plaintext length a ciphertext of this length would open to (0 for one too short to be valid).</summary>
    public static int PlaintextLength(int ciphertextLength) => Math.Max(0, ciphertextLength - Overhead);

    public static byte[] EncryptGroup(RevealKey key, in RollupContext rollup, ReadOnlySpan<byte> group)
    {
        var ciphertext = new byte[CiphertextLength(group.Length)];
        EncryptGroup(key, rollup, group, ciphertext);
        return ciphertext;
    }

    /// <summary>Encrypts one option's group into <paramref name="destination"/>, exactly <see cref="CiphertextLength"/> bytes.</summary>
    public static void EncryptGroup(RevealKey key, in RollupContext rollup, ReadOnlySpan<byte> group, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> associatedData = stackalloc byte[GroupAssociatedDataSize];
        WriteGroupAssociatedData(key, rollup, associatedData);
        Encrypt(key.Span, CryptoLabels.RollupGroupSivBytes, CryptoLabels.RollupGroupBytes, associatedData, group, destination);
    }

    /// <summary>Decrypts a group or throws <see cref="CiphertextRejectedException"/> saying why it could not.</summary>
    public static byte[] DecryptGroup(RevealKey key, in RollupContext rollup, ReadOnlySpan<byte> ciphertext)
    {
        var plaintext = new byte[PlaintextLength(ciphertext.Length)];
        if (!TryDecryptGroup(key, rollup, ciphertext, plaintext, out _, out var rejection))
        {
            throw new CiphertextRejectedException("Rollup group", rejection);
        }

        return plaintext;
    }

    /// <summary>
    /// Decrypts a group into <paramref name="plaintext"/> (at least <see cref="PlaintextLength"/> bytes). On failure
    /// returns false with the reason, and <paramref name="plaintext"/> is all zeros.
    /// </summary>
    public static bool TryDecryptGroup(
        RevealKey key,
        in RollupContext rollup,
        ReadOnlySpan<byte> ciphertext,
        Span<byte> plaintext,
        out int plaintextLength,
        out CiphertextRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> associatedData = stackalloc byte[GroupAssociatedDataSize];
        WriteGroupAssociatedData(key, rollup, associatedData);
        return TryDecrypt(key.Span, CryptoLabels.RollupGroupSivBytes, CryptoLabels.RollupGroupBytes, associatedData, ciphertext, plaintext, out plaintextLength, out rejection);
    }

    public static byte[] EncryptLayout(SymmetricKey layoutKey, in RollupContext rollup, ReadOnlySpan<byte> layout)
    {
        var ciphertext = new byte[CiphertextLength(layout.Length)];
        EncryptLayout(layoutKey, rollup, layout, ciphertext);
        return ciphertext;
    }

    /// <summary>Encrypts a rollup's layout into <paramref name="destination"/>, exactly <see cref="CiphertextLength"/> bytes.</summary>
    public static void EncryptLayout(SymmetricKey layoutKey, in RollupContext rollup, ReadOnlySpan<byte> layout, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(layoutKey);
        Span<byte> associatedData = stackalloc byte[RollupContext.EncodedSize];
        rollup.WriteTo(associatedData);
        Encrypt(layoutKey.Span, CryptoLabels.RollupLayoutSivBytes, CryptoLabels.RollupLayoutBytes, associatedData, layout, destination);
    }

    /// <summary>Decrypts a layout or throws <see cref="CiphertextRejectedException"/> saying why it could not.</summary>
    public static byte[] DecryptLayout(SymmetricKey layoutKey, in RollupContext rollup, ReadOnlySpan<byte> ciphertext)
    {
        var plaintext = new byte[PlaintextLength(ciphertext.Length)];
        if (!TryDecryptLayout(layoutKey, rollup, ciphertext, plaintext, out _, out var rejection))
        {
            throw new CiphertextRejectedException("Rollup layout", rejection);
        }

        return plaintext;
    }

    /// <summary>As <see cref="TryDecryptGroup"/>, for a layout.</summary>
    public static bool TryDecryptLayout(
        SymmetricKey layoutKey,
        in RollupContext rollup,
        ReadOnlySpan<byte> ciphertext,
        Span<byte> plaintext,
        out int plaintextLength,
        out CiphertextRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(layoutKey);
        Span<byte> associatedData = stackalloc byte[RollupContext.EncodedSize];
        rollup.WriteTo(associatedData);
        return TryDecrypt(layoutKey.Span, CryptoLabels.RollupLayoutSivBytes, CryptoLabels.RollupLayoutBytes, associatedData, ciphertext, plaintext, out plaintextLength, out rejection);
    }

    private static void WriteGroupAssociatedData(RevealKey key, in RollupContext rollup, Span<byte> destination)
    {
        rollup.WriteTo(destination);
        destination[RollupContext.EncodedSize] = (byte)key.Option;
        BinaryPrimitives.WriteUInt64BigEndian(destination[(RollupContext.EncodedSize + 1)..], key.Interval);
    }

    private static void Encrypt(
        ReadOnlySpan<byte> key,
        byte[] sivLabel,
        byte[] label,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext,
        Span<byte> destination)
    {
        if (destination.Length != CiphertextLength(plaintext.Length))
        {
            throw new ArgumentException($"Destination must be {CiphertextLength(plaintext.Length)} bytes, got {destination.Length}.", nameof(destination));
        }

        Span<byte> material = stackalloc byte[AeadCore.GcmMaterialSize];
        try
        {
            var salt = destination.Slice(1, SaltSize);
            ComputeSyntheticSalt(key, sivLabel, associatedData, plaintext, salt);
            DeriveMaterial(key, label, salt, material);
            destination[0] = Version1;
            AeadCore.Encrypt(material, destination[..HeaderSize], plaintext, destination[HeaderSize..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private static bool TryDecrypt(
        ReadOnlySpan<byte> key,
        byte[] sivLabel,
        byte[] label,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertext,
        Span<byte> plaintext,
        out int plaintextLength,
        out CiphertextRejection rejection)
    {
        if (plaintext.Length < PlaintextLength(ciphertext.Length))
        {
            throw new ArgumentException($"Plaintext buffer must hold {PlaintextLength(ciphertext.Length)} bytes, got {plaintext.Length}.", nameof(plaintext));
        }

        plaintextLength = 0;
        rejection = ciphertext.IsEmpty ? CiphertextRejection.TooShort
            : ciphertext[0] != Version1 ? CiphertextRejection.UnsupportedVersion
            : ciphertext.Length < Overhead ? CiphertextRejection.TooShort
            : CiphertextRejection.None;
        if (rejection != CiphertextRejection.None)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }

        Span<byte> material = stackalloc byte[AeadCore.GcmMaterialSize];
        try
        {
            var salt = ciphertext.Slice(1, SaltSize);
            DeriveMaterial(key, label, salt, material);
            var length = ciphertext.Length - Overhead;
            if (!AeadCore.TryDecrypt(material, ciphertext[..HeaderSize], ciphertext[HeaderSize..], plaintext[..length]))
            {
                rejection = CiphertextRejection.AuthenticationFailed;
            }
            else
            {
                Span<byte> expected = stackalloc byte[SaltSize];
                ComputeSyntheticSalt(key, sivLabel, associatedData, plaintext[..length], expected);
                if (!CryptographicOperations.FixedTimeEquals(expected, salt))
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
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>
    /// S = HMAC-SHA256(kSiv, associatedData ‖ SHA-256(plaintext))[..24]. Hashing the plaintext first keeps the HMAC
    /// input small and fixed in shape (the associated data has a fixed length per label), with no allocation.
    /// </summary>
    private static void ComputeSyntheticSalt(ReadOnlySpan<byte> key, byte[] sivLabel, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> salt)
    {
        Span<byte> sivKey = stackalloc byte[AeadCore.KeySize];
        Span<byte> message = stackalloc byte[associatedData.Length + SHA256.HashSizeInBytes];
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            Span<byte> info = stackalloc byte[sivLabel.Length + 1];
            CryptoLabels.WritePrefix(sivLabel, info);
            HKDF.Expand(HashAlgorithmName.SHA256, key, sivKey, info);
            associatedData.CopyTo(message);
            SHA256.HashData(plaintext, message[associatedData.Length..]);
            HMACSHA256.HashData(sivKey, message, mac);
            mac[..SaltSize].CopyTo(salt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sivKey);
            CryptographicOperations.ZeroMemory(mac);
        }
    }

    private static void DeriveMaterial(ReadOnlySpan<byte> key, byte[] label, ReadOnlySpan<byte> salt, Span<byte> material)
    {
        Span<byte> info = stackalloc byte[label.Length + 1 + SaltSize];
        var offset = CryptoLabels.WritePrefix(label, info);
        salt.CopyTo(info[offset..]);
        HKDF.Expand(HashAlgorithmName.SHA256, key, material, info);
    }
}
