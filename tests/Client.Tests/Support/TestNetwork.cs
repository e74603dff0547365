using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;

namespace Obscuro.Client.Tests.Support;

/// <summary>
/// A network's master seed, network key and one enclave key, as the first enclave makes them, reproducible from a
/// name (small helpers in the manner of Contracts.Tests/Management, copied: test projects do not reference each other).
/// </summary>
public sealed class TestNetwork : IDisposable
{
    private TestNetwork(MasterSeed seed, Secp256k1KeyPair networkKey)
    {
        Seed = seed;
        NetworkKey = networkKey;
    }

    public MasterSeed Seed { get; }

    public Secp256k1KeyPair NetworkKey { get; }

    public static TestNetwork Create(string name)
    {
        var seed = MasterSeed.Generate(new DeterministicRandomSource(System.Text.Encoding.UTF8.GetBytes("Obscuro.Client.Tests.Seed." + name)));
        using var schedule = new KeySchedule(seed);
        return new TestNetwork(seed, schedule.NetworkKeyPair());
    }

    public static Secp256k1KeyPair Key(string name) =>
        Secp256k1KeyPair.Generate(new DeterministicRandomSource(System.Text.Encoding.UTF8.GetBytes("Obscuro.Client.Tests.Key." + name)));

    /// <summary>The enclave's registration signature over FORMATS.md's register digest, binding the operator.</summary>
    public static byte[] SignRegistration(Secp256k1KeyPair enclave, ulong chainId, Address networkManagement, Address operatorAccount, Hash256 attestation, Hash256 measurement, Hash256 authority, bool isAggregator, string endpoint) =>
        RegistrationDigests.Sign(
            RegistrationDigests.Register(chainId, networkManagement, operatorAccount, enclave.PublicKey, attestation, measurement, authority, isAggregator, endpoint),
            enclave);

    /// <summary>The seed for the first enclave and both initialisation signatures (the enclave's and the network key's).</summary>
    public (byte[] EncryptedSeed, byte[] EnclaveSignature, byte[] NetworkSignature) Initialization(Secp256k1KeyPair enclave, ulong chainId, Address networkManagement)
    {
        ArgumentNullException.ThrowIfNull(enclave);
        var encryptedSeed = SeedEnvelope.Encrypt(Seed, enclave.PublicKey, chainId, networkManagement, SystemRandomSource.Instance);
        var digest = RegistrationDigests.Initialize(chainId, networkManagement, enclave.Address, NetworkKey.PublicKey, encryptedSeed);
        return (encryptedSeed, RegistrationDigests.Sign(digest, enclave), RegistrationDigests.Sign(digest, NetworkKey));
    }

    public void Dispose()
    {
        Seed.Dispose();
        NetworkKey.Dispose();
    }
}
