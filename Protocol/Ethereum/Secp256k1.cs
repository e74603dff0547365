using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Obscuro.Protocol.Ethereum;

/// <summary>
/// secp256k1 through libsecp256k1. One context is created per process and only read afterwards (the library
/// guarantees that read-only use is thread-safe), so every method may be called from any thread.
/// Signatures use Ethereum's 65-byte compact form: r (32) ‖ s (32) ‖ recovery id (1, value 0 or 1).
/// Public keys are the 64-byte uncompressed point without the 0x04 prefix unless a method says otherwise.
/// </summary>
public static unsafe class Secp256k1
{
    public const int PrivateKeySize = 32;
    public const int PublicKeySize = 64;
    public const int CompressedPublicKeySize = 33;
    public const int SignatureSize = 65;
    public const int SharedSecretSize = 32;

    // The group order n and n/2 (big-endian). Ethereum rejects s > n/2 (EIP-2) so a signature has one valid form.
    private static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    private static readonly IntPtr Context = CreateContext();

    private static IntPtr CreateContext()
    {
        Secp256k1Native.EnsureLoaded();
        var ctx = Secp256k1Native.secp256k1_context_create(Secp256k1Native.ContextSign | Secp256k1Native.ContextVerify);
        if (ctx == IntPtr.Zero)
        {
            throw new InvalidOperationException("libsecp256k1 could not create a context.");
        }

        // Blinding against side channels while signing; done once here, before the context is shared.
        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        fixed (byte* s = seed)
        {
            if (Secp256k1Native.secp256k1_context_randomize(ctx, s) != 1)
            {
                throw new InvalidOperationException("libsecp256k1 could not randomise its context.");
            }
        }

        CryptographicOperations.ZeroMemory(seed);
        return ctx;
    }

    /// <summary>True when the key is in [1, n-1].</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize) return false;
        fixed (byte* k = privateKey)
        {
            return Secp256k1Native.secp256k1_ec_seckey_verify(Context, k) == 1;
        }
    }

    /// <summary>A fresh private key from the OS CSPRNG.</summary>
    public static byte[] GeneratePrivateKey()
    {
        var key = new byte[PrivateKeySize];
        do
        {
            RandomNumberGenerator.Fill(key);
        }
        while (!IsValidPrivateKey(key));
        return key;
    }

    public static void DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey64)
    {
        RequireLength(privateKey, PrivateKeySize, nameof(privateKey));
        RequireLength(publicKey64, PublicKeySize, nameof(publicKey64));
        byte* pub = stackalloc byte[64];
        fixed (byte* k = privateKey)
        {
            if (Secp256k1Native.secp256k1_ec_pubkey_create(Context, pub, k) != 1)
            {
                throw new CryptographicException("Private key is invalid: it must be in [1, n-1].");
            }
        }

        SerializeUncompressed(pub, publicKey64);
    }

    public static byte[] DerivePublicKey(ReadOnlySpan<byte> privateKey)
    {
        var publicKey = new byte[PublicKeySize];
        DerivePublicKey(privateKey, publicKey);
        return publicKey;
    }

    public static Address DeriveAddress(ReadOnlySpan<byte> privateKey)
    {
        Span<byte> pub = stackalloc byte[PublicKeySize];
        DerivePublicKey(privateKey, pub);
        return Address.FromPublicKey(pub);
    }

    /// <summary>33-byte SEC1 compressed form of a 64-byte public key (validates the point).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> publicKey64)
    {
        byte* parsed = stackalloc byte[64];
        if (!TryParse(publicKey64, parsed))
        {
            throw new CryptographicException("Public key is not a point on secp256k1.");
        }

        var output = new byte[CompressedPublicKeySize];
        nuint length = CompressedPublicKeySize;
        fixed (byte* o = output)
        {
            _ = Secp256k1Native.secp256k1_ec_pubkey_serialize(Context, o, &length, parsed, Secp256k1Native.EcCompressed); // always 1
        }

        return output;
    }

    /// <summary>Parses a 33-byte compressed, 65-byte (0x04-prefixed) or 64-byte public key into the 64-byte form.</summary>
    public static bool TryNormalizePublicKey(ReadOnlySpan<byte> input, Span<byte> publicKey64)
    {
        RequireLength(publicKey64, PublicKeySize, nameof(publicKey64));
        byte* parsed = stackalloc byte[64];
        if (!TryParse(input, parsed)) return false;
        SerializeUncompressed(parsed, publicKey64);
        return true;
    }

    /// <summary>Signs a 32-byte hash with a deterministic nonce (RFC 6979) and returns r ‖ s ‖ v with low s and v ∈ {0,1}.</summary>
    [SkipLocalsInit]
    public static void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey, Span<byte> signature65)
    {
        RequireLength(hash32, 32, nameof(hash32));
        RequireLength(privateKey, PrivateKeySize, nameof(privateKey));
        RequireLength(signature65, SignatureSize, nameof(signature65));
        byte* sig = stackalloc byte[65];
        int recid;
        fixed (byte* h = hash32, k = privateKey, o = signature65)
        {
            if (Secp256k1Native.secp256k1_ecdsa_sign_recoverable(Context, sig, h, k, IntPtr.Zero, IntPtr.Zero) != 1)
            {
                throw new CryptographicException("Signing failed: the private key is invalid.");
            }

            _ = Secp256k1Native.secp256k1_ecdsa_recoverable_signature_serialize_compact(Context, o, &recid, sig); // always 1
        }

        signature65[64] = (byte)recid;
    }

    public static byte[] Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey)
    {
        var signature = new byte[SignatureSize];
        Sign(hash32, privateKey, signature);
        return signature;
    }

    /// <summary>
    /// Recovers the signer's 64-byte public key. Fails (returns false) for a recovery id other than 0 or 1, r or s out
    /// of range, a high s, or a signature that recovers no point.
    /// </summary>
    [SkipLocalsInit]
    public static bool TryRecover(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64)
    {
        if (hash32.Length != 32 || signature65.Length != SignatureSize || publicKey64.Length != PublicKeySize) return false;
        int recid = signature65[64];
        if (recid > 1 || !IsLowS(signature65.Slice(32, 32))) return false;
        byte* sig = stackalloc byte[65];
        byte* pub = stackalloc byte[64];
        fixed (byte* h = hash32, s = signature65)
        {
            if (Secp256k1Native.secp256k1_ecdsa_recoverable_signature_parse_compact(Context, sig, s, recid) != 1) return false;
            if (Secp256k1Native.secp256k1_ecdsa_recover(Context, pub, sig, h) != 1) return false;
        }

        SerializeUncompressed(pub, publicKey64);
        return true;
    }

    public static bool TryRecoverAddress(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, out Address address)
    {
        Span<byte> pub = stackalloc byte[PublicKeySize];
        if (!TryRecover(hash32, signature65, pub))
        {
            address = default;
            return false;
        }

        address = Address.FromPublicKey(pub);
        return true;
    }

    /// <summary>Verifies a 64-byte r ‖ s signature (a 65th recovery byte is ignored). High s is rejected.</summary>
    [SkipLocalsInit]
    public static bool Verify(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> publicKey64)
    {
        if (hash32.Length != 32 || signature.Length is not (64 or 65)) return false;
        byte* sig = stackalloc byte[64];
        byte* pub = stackalloc byte[64];
        if (!TryParse(publicKey64, pub)) return false;
        fixed (byte* h = hash32, s = signature)
        {
            if (Secp256k1Native.secp256k1_ecdsa_signature_parse_compact(Context, sig, s) != 1) return false;
            return Secp256k1Native.secp256k1_ecdsa_verify(Context, sig, h, pub) == 1; // rejects high s itself
        }
    }

    /// <summary>
    /// ECDH: writes the 32-byte x coordinate of privateKey · publicKey. Callers must put it through a KDF; the raw x
    /// coordinate is not a uniformly random key.
    /// </summary>
    [SkipLocalsInit]
    public static bool TryEcdh(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> privateKey, Span<byte> sharedX32)
    {
        if (privateKey.Length != PrivateKeySize || sharedX32.Length != SharedSecretSize) return false;
        byte* pub = stackalloc byte[64];
        if (!TryParse(publicKey, pub)) return false;
        fixed (byte* k = privateKey, o = sharedX32)
        {
            return Secp256k1Native.secp256k1_ecdh(Context, o, pub, k, &CopyX, null) == 1;
        }
    }

    /// <summary>True when s ≤ n/2 (EIP-2).</summary>
    public static bool IsLowS(ReadOnlySpan<byte> s32) => s32.SequenceCompareTo(HalfOrder) <= 0;

    [UnmanagedCallersOnly]
    private static int CopyX(byte* output, byte* x32, byte* y32, void* data)
    {
        Buffer.MemoryCopy(x32, output, 32, 32);
        return 1;
    }

    /// <summary>Accepts 64 bytes (x ‖ y), 65 bytes with 0x04 prefix, or 33 compressed bytes.</summary>
    private static bool TryParse(ReadOnlySpan<byte> input, byte* parsed)
    {
        if (input.Length == PublicKeySize)
        {
            Span<byte> prefixed = stackalloc byte[65];
            prefixed[0] = 0x04;
            input.CopyTo(prefixed[1..]);
            fixed (byte* p = prefixed)
            {
                return Secp256k1Native.secp256k1_ec_pubkey_parse(Context, parsed, p, 65) == 1;
            }
        }

        if (input.Length is 65 or 33)
        {
            fixed (byte* p = input)
            {
                return Secp256k1Native.secp256k1_ec_pubkey_parse(Context, parsed, p, (nuint)input.Length) == 1;
            }
        }

        return false;
    }

    private static void SerializeUncompressed(byte* parsed, Span<byte> publicKey64)
    {
        byte* output = stackalloc byte[65];
        nuint length = 65;
        _ = Secp256k1Native.secp256k1_ec_pubkey_serialize(Context, output, &length, parsed, Secp256k1Native.EcUncompressed); // always 1
        new ReadOnlySpan<byte>(output + 1, 64).CopyTo(publicKey64);
    }

    private static void RequireLength(ReadOnlySpan<byte> span, int length, string name)
    {
        if (span.Length != length)
        {
            throw new ArgumentException($"Expected {length} bytes, got {span.Length}.", name);
        }
    }
}
