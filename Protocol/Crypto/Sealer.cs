using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// Seals enclave data (grain state, the enclave key, the master seed) with an injected 256-bit sealing key — the
/// TEE's sealing key, or the state sealing key of <see cref="KeySchedule"/> — so the untrusted host can store it.
/// Every blob names what it holds: a purpose (printable ASCII, such as "AccountGrain.state") and an identifier (such
/// as the grain key), bound as associated data, so a blob sealed for one purpose or identifier is refused as another.
/// <para>
/// Format v1 (overhead 57 bytes):
/// <code>
/// offset  size  field
///      0     1  version = 0x01
///      1    24  salt: random, from the injected random source
///     25    16  adTag = HMAC-SHA256(kAd, u16 purpose length ‖ purpose ‖ identifier)[..16]
///     41     n  AES-256-GCM ciphertext of the n-byte plaintext
///   41+n    16  GCM tag over (header = bytes 0..40 as GCM associated data, ciphertext)
/// </code>
/// kEnc (32) ‖ nonce (12) ‖ kAd (32) = HKDF-Expand(sealing key, "Obscuro.Sealed.v1" ‖ 0x00 ‖ salt, 76).
/// </para>
/// <para>
/// Why a 24-byte salt and a key per blob rather than a random 96-bit GCM nonce under the sealing key: one sealing key
/// seals every state write for the life of a node (and the state sealing key is shared by every node), and with random
/// 96-bit nonces the chance of a repeat — which leaks the XOR of two plaintexts and GCM's authentication key — passes
/// NIST's 2^-32 limit after about 2^32 blobs: 10,000 account writes per rollup for a year of 12-second rollups is
/// 2^34.6. With a 192-bit salt the keys themselves repeat only after about 2^96 blobs. The cost is one HKDF-Expand
/// (three HMAC blocks) and an AES key schedule per blob.
/// </para>
/// The sealer does not own the key: dispose the key yourself once no sealer uses it.
/// </summary>
public sealed class Sealer
{
    public const byte Version1 = 0x01;
    public const int SaltSize = 24;

    /// <summary>Bytes added to the plaintext: version 1 + salt 24 + adTag 16 + GCM tag 16.</summary>
    public const int Overhead = HeaderSize + AeadCore.TagSize;

    /// <summary>Longest purpose accepted, in characters.</summary>
    public const int MaxPurposeLength = 256;

    private const int SaltOffset = 1;
    private const int AdTagOffset = SaltOffset + SaltSize;
    private const int HeaderSize = AdTagOffset + AeadCore.AdTagSize;
    private const string FormatName = "Sealed blob";

    private readonly SymmetricKey _key;
    private readonly IRandomSource _random;

    public Sealer(SymmetricKey sealingKey, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(sealingKey);
        ArgumentNullException.ThrowIfNull(random);
        _key = sealingKey;
        _random = random;
    }

    public static int SealedLength(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return plaintextLength + Overhead;
    }

    /// <summary>The plaintext length a blob of this length would unseal to (0 for one too short to be valid).</summary>
    public static int PlaintextLength(int sealedLength) => Math.Max(0, sealedLength - Overhead);

    public byte[] Seal(string purpose, ReadOnlySpan<byte> identifier, ReadOnlySpan<byte> plaintext)
    {
        var sealedBlob = new byte[SealedLength(plaintext.Length)];
        Seal(purpose, identifier, plaintext, sealedBlob);
        return sealedBlob;
    }

    /// <summary>Seals into <paramref name="destination"/>, exactly <see cref="SealedLength"/> bytes, not overlapping the plaintext.</summary>
    [SkipLocalsInit]
    public void Seal(string purpose, ReadOnlySpan<byte> identifier, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        RequireValidPurpose(purpose);
        if (destination.Length != SealedLength(plaintext.Length))
        {
            throw new ArgumentException($"Destination must be {SealedLength(plaintext.Length)} bytes, got {destination.Length}.", nameof(destination));
        }

        Span<byte> material = stackalloc byte[AeadCore.BoundMaterialSize];
        try
        {
            var salt = destination.Slice(SaltOffset, SaltSize);
            _random.Fill(salt);
            DeriveMaterial(salt, material);
            destination[0] = Version1;
            ComputeAdTag(material, purpose, identifier, destination.Slice(AdTagOffset, AeadCore.AdTagSize));
            AeadCore.Encrypt(material, destination[..HeaderSize], plaintext, destination[HeaderSize..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Unseals or throws <see cref="CiphertextRejectedException"/> saying why it could not.</summary>
    public byte[] Unseal(string purpose, ReadOnlySpan<byte> identifier, ReadOnlySpan<byte> sealedBlob)
    {
        var plaintext = new byte[PlaintextLength(sealedBlob.Length)];
        if (!TryUnseal(purpose, identifier, sealedBlob, plaintext, out _, out var rejection))
        {
            throw new CiphertextRejectedException(FormatName, rejection);
        }

        return plaintext;
    }

    /// <summary>
    /// Unseals into <paramref name="plaintext"/> (at least <see cref="PlaintextLength"/> bytes). On failure returns
    /// false with the reason, and <paramref name="plaintext"/> is all zeros.
    /// </summary>
    [SkipLocalsInit]
    public bool TryUnseal(
        string purpose,
        ReadOnlySpan<byte> identifier,
        ReadOnlySpan<byte> sealedBlob,
        Span<byte> plaintext,
        out int plaintextLength,
        out CiphertextRejection rejection)
    {
        RequireValidPurpose(purpose);
        if (plaintext.Length < PlaintextLength(sealedBlob.Length))
        {
            throw new ArgumentException($"Plaintext buffer must hold {PlaintextLength(sealedBlob.Length)} bytes, got {plaintext.Length}.", nameof(plaintext));
        }

        plaintextLength = 0;
        rejection = sealedBlob.IsEmpty ? CiphertextRejection.TooShort
            : sealedBlob[0] != Version1 ? CiphertextRejection.UnsupportedVersion
            : sealedBlob.Length < Overhead ? CiphertextRejection.TooShort
            : CiphertextRejection.None;
        if (rejection != CiphertextRejection.None)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }

        Span<byte> material = stackalloc byte[AeadCore.BoundMaterialSize];
        try
        {
            DeriveMaterial(sealedBlob.Slice(SaltOffset, SaltSize), material);
            var length = sealedBlob.Length - Overhead;
            if (!AeadCore.TryDecrypt(material, sealedBlob[..HeaderSize], sealedBlob[HeaderSize..], plaintext[..length]))
            {
                rejection = CiphertextRejection.AuthenticationFailed;
            }
            else
            {
                Span<byte> expected = stackalloc byte[AeadCore.AdTagSize];
                ComputeAdTag(material, purpose, identifier, expected);
                if (!CryptographicOperations.FixedTimeEquals(expected, sealedBlob.Slice(AdTagOffset, AeadCore.AdTagSize)))
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

    public override string ToString() => "Sealer([redacted])";

    private void DeriveMaterial(ReadOnlySpan<byte> salt, Span<byte> material)
    {
        Span<byte> info = stackalloc byte[CryptoLabels.SealedBytes.Length + 1 + SaltSize];
        var offset = CryptoLabels.WritePrefix(CryptoLabels.SealedBytes, info);
        salt.CopyTo(info[offset..]);
        HKDF.Expand(HashAlgorithmName.SHA256, _key.Span, material, info);
    }

    /// <summary>The associated data is u16 purpose length ‖ purpose (ASCII) ‖ identifier: the length prefix makes (purpose, identifier) → bytes one-to-one.</summary>
    private static void ComputeAdTag(ReadOnlySpan<byte> material, string purpose, ReadOnlySpan<byte> identifier, Span<byte> adTag)
    {
        var length = sizeof(ushort) + purpose.Length + identifier.Length;
        byte[]? rented = null;
        Span<byte> associatedData = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            BinaryPrimitives.WriteUInt16BigEndian(associatedData, (ushort)purpose.Length);
            for (var i = 0; i < purpose.Length; i++)
            {
                associatedData[sizeof(ushort) + i] = (byte)purpose[i];
            }

            identifier.CopyTo(associatedData[(sizeof(ushort) + purpose.Length)..]);
            AeadCore.ComputeAdTag(material, associatedData[..length], adTag);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    private static void RequireValidPurpose(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        if (purpose.Length is 0 or > MaxPurposeLength)
        {
            throw new ArgumentException($"A sealing purpose is 1 to {MaxPurposeLength} characters, got {purpose.Length}.", nameof(purpose));
        }

        foreach (var c in purpose)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException("A sealing purpose is printable ASCII, so its bytes are the same everywhere.", nameof(purpose));
            }
        }
    }
}
