using System.Text;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Registration;

/// <summary>
/// The digests an enclave signs to register with NetworkManagement, to initialise the network and to hand the master
/// seed to another enclave (Contracts/Solidity/FORMATS.md, "NetworkManagement"), and the L1 signature form. They are
/// computed here, without the ABI codec, because the enclave needs them and Protocol must not depend on Contracts; the
/// contract's <c>registerDigest</c>, <c>initializeDigest</c>, <c>secretKnowledgeDigest</c> and
/// <c>secretResponseDigest</c> views compute the same words, and the tests compare both.
/// </summary>
public static class RegistrationDigests
{
    public const int PublicKeySize = 64;

    public static readonly Hash256 RegisterTag = Keccak256.Hash("Obscuro.NetworkManagement.register.v1"u8);

    public static readonly Hash256 InitializeTag = Keccak256.Hash("Obscuro.NetworkManagement.initialize.v1"u8);

    public static readonly Hash256 SecretKnowledgeTag = Keccak256.Hash("Obscuro.NetworkManagement.secretKnowledge.v1"u8);

    public static readonly Hash256 SecretResponseTag = Keccak256.Hash("Obscuro.NetworkManagement.secretResponse.v1"u8);

    // The contract hashes bytes(endpoint), the string's UTF-8; a string without a UTF-8 form (lone surrogate) has no
    // digest rather than a lossy one that a host could choose to collide with another endpoint.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// keccak256(abi.encode(tag, chainid, networkManagement, operator, keccak256(enclavePublicKey), attestationHash,
    /// measurement, authority, isAggregator, keccak256(bytes(endpoint)))), signed by the enclave key being registered.
    /// </summary>
    public static Hash256 Register(
        ulong l1ChainId,
        in Address networkManagement,
        in Address operatorAccount,
        ReadOnlySpan<byte> enclavePublicKey,
        in Hash256 attestationHash,
        in Hash256 measurement,
        in Hash256 authority,
        bool isAggregator,
        string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        RequirePublicKey(enclavePublicKey, nameof(enclavePublicKey));
        Span<byte> words = stackalloc byte[10 * 32];
        var writer = new AbiWordWriter(words);
        writer.Write(RegisterTag);
        writer.Write(l1ChainId);
        writer.Write(networkManagement);
        writer.Write(operatorAccount);
        writer.Write(Keccak256.Hash(enclavePublicKey));
        writer.Write(attestationHash);
        writer.Write(measurement);
        writer.Write(authority);
        writer.Write(isAggregator ? 1UL : 0UL);
        writer.Write(Keccak256.Hash(StrictUtf8.GetBytes(endpoint)));
        return Keccak256.Hash(writer.Written);
    }

    /// <summary>
    /// keccak256(abi.encode(tag, chainid, networkManagement, enclaveAddress, keccak256(networkPublicKey),
    /// keccak256(encryptedSeed))), signed by both the first enclave's key and the network key.
    /// </summary>
    public static Hash256 Initialize(
        ulong l1ChainId,
        in Address networkManagement,
        in Address enclaveAddress,
        ReadOnlySpan<byte> networkPublicKey,
        ReadOnlySpan<byte> encryptedSeed)
    {
        RequirePublicKey(networkPublicKey, nameof(networkPublicKey));
        Span<byte> words = stackalloc byte[6 * 32];
        var writer = new AbiWordWriter(words);
        writer.Write(InitializeTag);
        writer.Write(l1ChainId);
        writer.Write(networkManagement);
        writer.Write(enclaveAddress);
        writer.Write(Keccak256.Hash(networkPublicKey));
        writer.Write(Keccak256.Hash(encryptedSeed));
        return Keccak256.Hash(writer.Written);
    }

    /// <summary>keccak256(abi.encode(tag, chainid, networkManagement, requester, keccak256(encryptedSeed))), signed by the network key.</summary>
    public static Hash256 SecretKnowledge(ulong l1ChainId, in Address networkManagement, in Address requester, ReadOnlySpan<byte> encryptedSeed) =>
        SecretDigest(SecretKnowledgeTag, l1ChainId, networkManagement, requester, encryptedSeed);

    /// <summary>keccak256(abi.encode(tag, chainid, networkManagement, requester, keccak256(encryptedSeed))), signed by the responder's enclave key.</summary>
    public static Hash256 SecretResponse(ulong l1ChainId, in Address networkManagement, in Address requester, ReadOnlySpan<byte> encryptedSeed) =>
        SecretDigest(SecretResponseTag, l1ChainId, networkManagement, requester, encryptedSeed);

    /// <summary>Signs a digest in the form the contracts' ecrecover takes: r ‖ s ‖ v, low s, v ∈ {27, 28}.</summary>
    public static byte[] Sign(in Hash256 digest, Secp256k1KeyPair key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[32];
        digest.CopyTo(hash);
        var signature = key.Sign(hash);
        signature[64] += 27;
        return signature;
    }

    private static Hash256 SecretDigest(in Hash256 tag, ulong l1ChainId, in Address networkManagement, in Address requester, ReadOnlySpan<byte> encryptedSeed)
    {
        Span<byte> words = stackalloc byte[5 * 32];
        var writer = new AbiWordWriter(words);
        writer.Write(tag);
        writer.Write(l1ChainId);
        writer.Write(networkManagement);
        writer.Write(requester);
        writer.Write(Keccak256.Hash(encryptedSeed));
        return Keccak256.Hash(writer.Written);
    }

    private static void RequirePublicKey(ReadOnlySpan<byte> publicKey, string name)
    {
        if (publicKey.Length != PublicKeySize)
        {
            throw new ArgumentException($"A public key on L1 is {PublicKeySize} bytes (x ‖ y, no 0x04 prefix), got {publicKey.Length}.", name);
        }
    }
}
