using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// The network's master seed and the network key derived from it (Protocol/Crypto), as the first enclave makes them,
/// with the messages that put them on L1: the seed ECIES-encrypted to an enclave key and the signatures over the
/// NetworkManagement digests.
/// </summary>
public sealed class NetworkSecret : IDisposable
{
    private NetworkSecret(MasterSeed seed, Secp256k1KeyPair networkKey)
    {
        Seed = seed;
        NetworkKey = networkKey;
    }

    public MasterSeed Seed { get; }

    public Secp256k1KeyPair NetworkKey { get; }

    public byte[] NetworkPublicKey => NetworkKey.PublicKey.ToArray();

    public static NetworkSecret Create(string name)
    {
        var seed = MasterSeed.Generate(new DeterministicRandomSource(System.Text.Encoding.UTF8.GetBytes("Obscuro.Tests.Seed." + name)));
        using var schedule = new KeySchedule(seed);
        return new NetworkSecret(seed, schedule.NetworkKeyPair());
    }

    /// <summary>
    /// Associated data binding a seed ciphertext to its chain, contract and recipient. FORMATS.md fixes only the
    /// ciphertext format, not this; the enclave code owns the choice, and a test only needs one that both ends share.
    /// </summary>
    public static byte[] SeedAssociatedData(ulong chainId, Address networkManagement, Address recipient)
    {
        var data = new byte[8 + Address.Size + Address.Size];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(data, chainId);
        networkManagement.CopyTo(data.AsSpan(8));
        recipient.CopyTo(data.AsSpan(8 + Address.Size));
        return data;
    }

    /// <summary>The master seed, ECIES-encrypted to <paramref name="recipient"/>'s enclave key.</summary>
    public byte[] EncryptSeedTo(TestEnclave recipient, ulong chainId, Address networkManagement)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var plain = new byte[MasterSeed.Size];
        try
        {
            Seed.CopyTo(plain);
            return Ecies.Encrypt(recipient.PublicKey, plain, SeedAssociatedData(chainId, networkManagement, recipient.Address), SystemRandomSource.Instance);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>True when <paramref name="ciphertext"/> opens with <paramref name="recipient"/>'s key to this seed.</summary>
    public bool IsSeedFor(TestEnclave recipient, byte[] ciphertext, ulong chainId, Address networkManagement)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var opened = Ecies.Decrypt(recipient.Key, ciphertext, SeedAssociatedData(chainId, networkManagement, recipient.Address));
        var expected = new byte[MasterSeed.Size];
        Seed.CopyTo(expected);
        return opened.AsSpan().SequenceEqual(expected);
    }

    /// <summary>Both signatures of initializeNetwork: the first enclave's and the network key's, over the same digest.</summary>
    public (byte[] Enclave, byte[] Network) SignInitialization(TestEnclave first, byte[] encryptedSeed, ulong chainId, Address networkManagement)
    {
        ArgumentNullException.ThrowIfNull(first);
        var digest = RegistrationDigests.Initialize(chainId, networkManagement, first.Address, NetworkPublicKey, encryptedSeed);
        return (RegistrationDigests.Sign(digest, first.Key), RegistrationDigests.Sign(digest, NetworkKey));
    }

    /// <summary>The knowledge signature of respondSecret: the network key over the requester and the ciphertext.</summary>
    public byte[] SignKnowledge(Address requester, byte[] encryptedSeed, ulong chainId, Address networkManagement) =>
        RegistrationDigests.Sign(RegistrationDigests.SecretKnowledge(chainId, networkManagement, requester, encryptedSeed), NetworkKey);

    public void Dispose()
    {
        Seed.Dispose();
        NetworkKey.Dispose();
    }
}
