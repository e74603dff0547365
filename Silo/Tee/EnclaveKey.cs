using Obscuro.Protocol.Crypto;
using System.Security.Cryptography;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Tee;

/// <summary>
/// Holds the enclave's private key in a pinned array (so the GC never leaves copies of it behind) that is zeroed on
/// disposal. The key enters only unsealed from its sealed form or freshly generated, and leaves only sealed.
/// </summary>
internal sealed class EnclaveKey : IEnclaveKey, IDisposable
{
    public const string SealPurpose = "enclave-key";

    private readonly byte[] _privateKey = GC.AllocateUninitializedArray<byte>(Secp256k1.PrivateKeySize, pinned: true);
    private readonly byte[] _publicKey;

    private EnclaveKey(ReadOnlySpan<byte> privateKey)
    {
        if (!Secp256k1.IsValidPrivateKey(privateKey))
        {
            throw new CryptographicException("The enclave key is not a valid secp256k1 private key.");
        }

        privateKey.CopyTo(_privateKey);
        _publicKey = Secp256k1.DerivePublicKey(_privateKey);
        Address = Address.FromPublicKey(_publicKey);
    }

    public ReadOnlyMemory<byte> PublicKey => _publicKey;

    public Address Address { get; }

    public static EnclaveKey Generate()
    {
        var fresh = Secp256k1.GeneratePrivateKey();
        try
        {
            return new EnclaveKey(fresh);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fresh);
        }
    }

    public static EnclaveKey Unseal(ReadOnlySpan<byte> sealingKey, ReadOnlySpan<byte> sealedKey)
    {
        var privateKey = AesGcmSealer.Unseal(sealingKey, sealedKey, SealPurpose);
        try
        {
            return new EnclaveKey(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    public byte[] Seal(ReadOnlySpan<byte> sealingKey) => AesGcmSealer.Seal(sealingKey, _privateKey, SealPurpose);

    public byte[] Sign(ReadOnlySpan<byte> hash32) => Secp256k1.Sign(hash32, _privateKey);

    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData)
    {
        using var pair = Secp256k1KeyPair.FromPrivateKey(_privateKey);
        return Ecies.Decrypt(pair, ciphertext, associatedData);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_privateKey);

    public override string ToString() => $"EnclaveKey({Address.ToChecksumString()}, private key [redacted])";
}
