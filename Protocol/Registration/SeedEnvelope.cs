using System.Buffers.Binary;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Registration;

/// <summary>
/// How the master seed travels through NetworkManagement (Contracts/Solidity/FORMATS.md): ECIES to the recipient's
/// enclave public key with associated data <c>"Obscuro.seed.v1" ‖ L1 chain id (u64) ‖ NetworkManagement (20) ‖
/// recipient enclave address (20)</c>, so a seed ciphertext cannot be replayed to another enclave or deployment.
/// </summary>
public static class SeedEnvelope
{
    private static ReadOnlySpan<byte> Tag => "Obscuro.seed.v1"u8;

    public static byte[] AssociatedData(ulong l1ChainId, Address networkManagement, Address recipient)
    {
        var ad = new byte[Tag.Length + 8 + (2 * Address.Size)];
        Tag.CopyTo(ad);
        BinaryPrimitives.WriteUInt64BigEndian(ad.AsSpan(Tag.Length), l1ChainId);
        networkManagement.CopyTo(ad.AsSpan(Tag.Length + 8));
        recipient.CopyTo(ad.AsSpan(Tag.Length + 8 + Address.Size));
        return ad;
    }

    public static byte[] Encrypt(MasterSeed seed, ReadOnlySpan<byte> recipientPublicKey, ulong l1ChainId, Address networkManagement, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(seed);
        Span<byte> bytes = stackalloc byte[32];
        Span<byte> point = stackalloc byte[Secp256k1.PublicKeySize];
        if (!Secp256k1.TryNormalizePublicKey(recipientPublicKey, point)) throw new ArgumentException("The recipient's enclave key is not a secp256k1 point.", nameof(recipientPublicKey));
        try
        {
            seed.CopyTo(bytes);
            return Ecies.Encrypt(point, bytes, AssociatedData(l1ChainId, networkManagement, Address.FromPublicKey(point)), random);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
