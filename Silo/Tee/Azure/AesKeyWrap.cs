using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// AES key wrap: RFC 3394 (<see cref="Wrap"/>, the A256KW of JOSE and Managed HSM) and RFC 5649, with padding
/// (<see cref="WrapWithPadding"/>, the second half of CKM_RSA_AES_KEY_WRAP that Key Vault uses for released keys).
/// .NET has neither. Both are the same six-round Feistel over AES-ECB blocks; they differ in the initial value:
/// RFC 3394 uses the constant A6A6A6A6A6A6A6A6 and needs a multiple of 8 bytes, RFC 5649 uses A65959A6 followed by
/// the 32-bit big-endian plaintext length and zero-pads to a multiple of 8 (a single padded block is one AES-ECB).
/// Unwrapping checks the integrity value and, for RFC 5649, the length and that the padding is zero.
/// </summary>
public static class AesKeyWrap
{
    private const ulong Rfc3394Iv = 0xA6A6A6A6A6A6A6A6UL;
    private const uint Rfc5649Magic = 0xA65959A6U;

    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.Length < 16 || plaintext.Length % 8 != 0)
        {
            throw new ArgumentException("RFC 3394 wraps at least 16 bytes, in multiples of 8.", nameof(plaintext));
        }

        using var aes = CreateAes(kek);
        return WrapCore(aes, Rfc3394Iv, plaintext);
    }

    public static byte[] Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < 24 || ciphertext.Length % 8 != 0)
        {
            throw new CryptographicException("RFC 3394 wrapped data is at least 24 bytes, in multiples of 8.");
        }

        using var aes = CreateAes(kek);
        var (iv, plaintext) = UnwrapCore(aes, ciphertext);
        if (iv != Rfc3394Iv)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptographicException("AES key unwrap failed: integrity check value mismatch (wrong key or altered data).");
        }

        return plaintext;
    }

    public static byte[] WrapWithPadding(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.IsEmpty)
        {
            throw new ArgumentException("RFC 5649 wraps at least one byte.", nameof(plaintext));
        }

        var iv = ((ulong)Rfc5649Magic << 32) | (uint)plaintext.Length;
        var padded = new byte[(plaintext.Length + 7) / 8 * 8];
        try
        {
            plaintext.CopyTo(padded);
            using var aes = CreateAes(kek);
            if (padded.Length == 8)
            {
                // One block: AIV ‖ P encrypted with AES-ECB in one go (RFC 5649 §4.1).
                var block = new byte[16];
                BinaryPrimitives.WriteUInt64BigEndian(block, iv);
                padded.CopyTo(block, 8);
                var output = aes.EncryptEcb(block, PaddingMode.None);
                CryptographicOperations.ZeroMemory(block);
                return output;
            }

            return WrapCore(aes, iv, padded);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
        }
    }

    public static byte[] UnwrapWithPadding(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < 16 || ciphertext.Length % 8 != 0)
        {
            throw new CryptographicException("RFC 5649 wrapped data is at least 16 bytes, in multiples of 8.");
        }

        using var aes = CreateAes(kek);
        ulong iv;
        byte[] padded;
        if (ciphertext.Length == 16)
        {
            var block = aes.DecryptEcb(ciphertext, PaddingMode.None);
            iv = BinaryPrimitives.ReadUInt64BigEndian(block);
            padded = block[8..];
            CryptographicOperations.ZeroMemory(block);
        }
        else
        {
            (iv, padded) = UnwrapCore(aes, ciphertext);
        }

        var length = (int)(uint)iv;
        var valid = (uint)(iv >> 32) == Rfc5649Magic && length > padded.Length - 8 && length <= padded.Length;
        if (valid)
        {
            foreach (var pad in padded.AsSpan(length))
            {
                valid &= pad == 0;
            }
        }

        if (!valid)
        {
            CryptographicOperations.ZeroMemory(padded);
            throw new CryptographicException("AES key unwrap with padding failed: integrity check value, length or padding mismatch (wrong key or altered data).");
        }

        var plaintext = padded[..length];
        CryptographicOperations.ZeroMemory(padded);
        return plaintext;
    }

    private static Aes CreateAes(ReadOnlySpan<byte> kek)
    {
        if (kek.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException($"An AES key-encryption key is 16, 24 or 32 bytes, got {kek.Length}.", nameof(kek));
        }

        var aes = Aes.Create();
        aes.Key = kek.ToArray();
        return aes;
    }

    /// <summary>RFC 3394 §2.2.1, index-based: six passes over the n 64-bit registers.</summary>
    private static byte[] WrapCore(Aes aes, ulong iv, ReadOnlySpan<byte> plaintext)
    {
        var n = plaintext.Length / 8;
        var output = new byte[8 + plaintext.Length];
        plaintext.CopyTo(output.AsSpan(8));
        var a = iv;
        Span<byte> block = stackalloc byte[16];
        Span<byte> encrypted = stackalloc byte[16];
        for (var j = 0; j < 6; j++)
        {
            for (var i = 1; i <= n; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(block, a);
                output.AsSpan(8 * i, 8).CopyTo(block[8..]);
                aes.EncryptEcb(block, encrypted, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(encrypted) ^ (ulong)((n * j) + i);
                encrypted[8..].CopyTo(output.AsSpan(8 * i, 8));
            }
        }

        BinaryPrimitives.WriteUInt64BigEndian(output, a);
        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(encrypted);
        return output;
    }

    /// <summary>RFC 3394 §2.2.2: returns the recovered initial value and the registers; the caller checks the value.</summary>
    private static (ulong Iv, byte[] Plaintext) UnwrapCore(Aes aes, ReadOnlySpan<byte> ciphertext)
    {
        var n = (ciphertext.Length / 8) - 1;
        var plaintext = ciphertext[8..].ToArray();
        var a = BinaryPrimitives.ReadUInt64BigEndian(ciphertext);
        Span<byte> block = stackalloc byte[16];
        Span<byte> decrypted = stackalloc byte[16];
        for (var j = 5; j >= 0; j--)
        {
            for (var i = n; i >= 1; i--)
            {
                BinaryPrimitives.WriteUInt64BigEndian(block, a ^ (ulong)((n * j) + i));
                plaintext.AsSpan(8 * (i - 1), 8).CopyTo(block[8..]);
                aes.DecryptEcb(block, decrypted, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(decrypted);
                decrypted[8..].CopyTo(plaintext.AsSpan(8 * (i - 1), 8));
            }
        }

        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(decrypted);
        return (a, plaintext);
    }
}
