using System.Security.Cryptography;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// A secp256k1 private key with its public forms: the network key (derived from the seed) and an enclave key
/// (generated at first boot) are both this type. The private key stays inside; what leaves is signatures, ECDH
/// results for the ECIES code here, and an explicit copy for sealing. ToString prints only the address.
/// </summary>
public sealed class Secp256k1KeyPair : ISigner, IDisposable
{
    // A valid scalar is drawn with probability 1 - 2^-127.7 per try, so failing this often means a broken source.
    private const int MaxDraws = 64;

    private readonly SecretBytes _privateKey;
    private readonly byte[] _publicKey = new byte[Secp256k1.PublicKeySize];
    private readonly byte[] _compressedPublicKey = new byte[Secp256k1.CompressedPublicKeySize];

    private Secp256k1KeyPair(SecretBytes privateKey)
    {
        _privateKey = privateKey;
        Secp256k1.DerivePublicKey(privateKey.Span, _publicKey);
        Compress(_publicKey, _compressedPublicKey);
        Address = Address.FromPublicKey(_publicKey);
    }

    /// <summary>The 64-byte uncompressed public key x ‖ y (the form stored on L1).</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The 33-byte SEC1 compressed public key (the form inside ECIES ciphertexts).</summary>
    public ReadOnlySpan<byte> CompressedPublicKey => _compressedPublicKey;

    public Address Address { get; }

    public static Secp256k1KeyPair Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var key = new SecretBytes(Secp256k1.PrivateKeySize);
        try
        {
            DrawPrivateKey(random, key.Span);
            return new Secp256k1KeyPair(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A key unsealed from storage. The scalar must be in [1, n-1].</summary>
    public static Secp256k1KeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (!Secp256k1.IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("Not a valid secp256k1 private key: it must be 32 bytes in [1, n-1].", nameof(privateKey));
        }

        return new Secp256k1KeyPair(SecretBytes.CopyOf(privateKey));
    }

    internal static Secp256k1KeyPair Adopt(SecretBytes privateKey) => new(privateKey);

    /// <summary>Signs a 32-byte hash: r ‖ s ‖ v with low s and v ∈ {0, 1} (RFC 6979 nonce).</summary>
    public void Sign(ReadOnlySpan<byte> hash32, Span<byte> signature65) => Secp256k1.Sign(hash32, _privateKey.Span, signature65);

    public byte[] Sign(ReadOnlySpan<byte> hash32) => Secp256k1.Sign(hash32, _privateKey.Span);

    /// <summary>Copies the private key out, for sealing it. Zero the copy after use.</summary>
    public void CopyPrivateKeyTo(Span<byte> destination)
    {
        if (destination.Length != Secp256k1.PrivateKeySize)
        {
            throw new ArgumentException($"Expected a {Secp256k1.PrivateKeySize}-byte destination, got {destination.Length}.", nameof(destination));
        }

        _privateKey.Span.CopyTo(destination);
    }

    /// <summary>The x coordinate of privateKey · publicKey; false when the public key is not a point on the curve.</summary>
    internal bool TryEcdh(ReadOnlySpan<byte> publicKey, Span<byte> sharedX32) => Secp256k1.TryEcdh(publicKey, _privateKey.Span, sharedX32);

    public void Dispose() => _privateKey.Dispose();

    public override string ToString() => $"Secp256k1KeyPair({Address.ToChecksumString()})";

    /// <summary>Fills <paramref name="privateKey"/> with random bytes until they form a valid scalar.</summary>
    internal static void DrawPrivateKey(IRandomSource random, Span<byte> privateKey)
    {
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            random.Fill(privateKey);
            if (Secp256k1.IsValidPrivateKey(privateKey)) return;
        }

        CryptographicOperations.ZeroMemory(privateKey);
        throw new CryptographicException($"The random source produced {MaxDraws} invalid secp256k1 scalars in a row; it is broken.");
    }

    /// <summary>
    /// SEC1 compression of a point known to be valid (it came from libsecp256k1): the prefix 0x02 or 0x03 says whether
    /// y is even or odd, followed by x. Done here rather than through the library because it is a byte shuffle.
    /// </summary>
    internal static void Compress(ReadOnlySpan<byte> publicKey64, Span<byte> compressed33)
    {
        compressed33[0] = (byte)(0x02 | (publicKey64[63] & 1));
        publicKey64[..32].CopyTo(compressed33[1..]);
    }
}
