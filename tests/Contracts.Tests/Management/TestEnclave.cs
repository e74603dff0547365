using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// What an enclave brings to registration: a real secp256k1 enclave key (reproducible from its name), its attestation
/// token (and its hash), the measurement and authority it vouches for, its role and its gossip endpoint.
/// </summary>
public sealed class TestEnclave : IDisposable
{
    private TestEnclave(string name, Secp256k1KeyPair key, bool isAggregator, Hash256 measurement, Hash256 authority)
    {
        Name = name;
        Key = key;
        IsAggregator = isAggregator;
        Measurement = measurement;
        Authority = authority;
        AttestationToken = System.Text.Encoding.UTF8.GetBytes("attestation token of " + name);
        AttestationHash = Keccak256.Hash(AttestationToken);
        Endpoint = isAggregator ? $"{name.ToLowerInvariant()}.obscuro.test:7100" : string.Empty;
    }

    public string Name { get; }

    public Secp256k1KeyPair Key { get; }

    public Address Address => Key.Address;

    public byte[] PublicKey => Key.PublicKey.ToArray();

    public bool IsAggregator { get; }

    public Hash256 Measurement { get; }

    public Hash256 Authority { get; }

    /// <summary>Stands in for the token's bytes: the contract only hashes it (enclaves validate it).</summary>
    public byte[] AttestationToken { get; }

    public Hash256 AttestationHash { get; }

    public string Endpoint { get; }

    public static TestEnclave Create(string name, bool isAggregator, Hash256? measurement = null, Hash256? authority = null) =>
        new(
            name,
            Secp256k1KeyPair.Generate(new DeterministicRandomSource(System.Text.Encoding.UTF8.GetBytes("Obscuro.Tests.Enclave." + name))),
            isAggregator,
            measurement ?? ManagementFixture.Measurement,
            authority ?? ManagementFixture.Authority);

    /// <summary>The enclave's registration signature, binding the operator that will send the transaction.</summary>
    public byte[] SignRegistration(ulong chainId, Address networkManagement, Address operatorAccount) =>
        RegistrationDigests.Sign(
            RegistrationDigests.Register(chainId, networkManagement, operatorAccount, PublicKey, AttestationHash, Measurement, Authority, IsAggregator, Endpoint),
            Key);

    public void Dispose() => Key.Dispose();

    public override string ToString() => $"enclave {Name} ({Address})";
}
