using System.Security.Cryptography;
using System.Text;

namespace Obscuro.Silo.Tee;

/// <summary>
/// The sealing format of this silo's TEE adapters.
/// <code>
/// v1: version (1) = 0x01 ‖ nonce (12, random) ‖ AES-256-GCM ciphertext (n) ‖ tag (16)
///     associated data = version ‖ "Obscuro.TeeSeal.v1" ‖ 0x00 ‖ purpose (UTF-8)
/// </code>
/// The purpose in the associated data means a blob sealed as one thing (the enclave key) is refused as another.
/// Random 96-bit nonces under one key stay safe for well under 2^32 seals, which is ample for what a TEE seals with
/// its own key (its enclave key and similar per-TEE secrets); high-volume grain state is sealed under the state key
/// derived from the master seed (ARCHITECTURE §4), not with this.
/// </summary>
internal static class AesGcmSealer
{
    public const byte Version1 = 0x01;
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = 1 + NonceSize + TagSize;
    private const string Label = "Obscuro.TeeSeal.v1";

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string purpose)
    {
        RequireKey(key);
        var associatedData = AssociatedData(Version1, purpose);
        var output = new byte[Overhead + plaintext.Length];
        output[0] = Version1;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceSize, plaintext.Length), output.AsSpan(1 + NonceSize + plaintext.Length), associatedData);
        return output;
    }

    /// <summary>Unseals or throws <see cref="CryptographicException"/>; the message never contains sealed or unsealed bytes.</summary>
    public static byte[] Unseal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedData, string purpose)
    {
        RequireKey(key);
        var associatedData = AssociatedData(Version1, purpose);
        if (sealedData.Length < Overhead)
        {
            throw new CryptographicException($"Sealed data rejected: {sealedData.Length} bytes is shorter than the {Overhead}-byte minimum.");
        }

        if (sealedData[0] != Version1)
        {
            throw new CryptographicException($"Sealed data rejected: unsupported format version {sealedData[0]}.");
        }

        var length = sealedData.Length - Overhead;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                sealedData.Slice(1, NonceSize),
                sealedData.Slice(1 + NonceSize, length),
                sealedData.Slice(1 + NonceSize + length, TagSize),
                plaintext,
                associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new CryptographicException(
                $"Sealed data rejected for purpose '{purpose}': it was altered, sealed for another purpose, or sealed by another TEE.",
                exception);
        }
    }

    private static byte[] AssociatedData(byte version, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var label = Encoding.ASCII.GetBytes(Label);
        var purposeBytes = Encoding.UTF8.GetBytes(purpose);
        var associatedData = new byte[1 + label.Length + 1 + purposeBytes.Length];
        associatedData[0] = version;
        label.CopyTo(associatedData, 1);
        purposeBytes.CopyTo(associatedData, 1 + label.Length + 1);
        return associatedData;
    }

    private static void RequireKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A sealing key is {KeySize} bytes, got {key.Length}.", nameof(key));
        }
    }
}
