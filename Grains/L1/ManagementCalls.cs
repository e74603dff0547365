using Obscuro.Contracts.Bindings;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.L1;

/// <summary>
/// The calldata of the NetworkManagement calls an enclave asks its host to send (FORMATS.md "NetworkManagement"), and
/// the L1 form of an enclave-key signature. The enclave signs; the host only relays, so it cannot change what is
/// registered or delivered without invalidating a signature the contract checks.
/// </summary>
public static class ManagementCalls
{
    /// <summary>The <c>register</c> call; the contract records keccak256 of <paramref name="attestationToken"/> as the attestation hash.</summary>
    public static byte[] Register(ReadOnlySpan<byte> enclavePublicKey, ReadOnlySpan<byte> attestationToken, Hash256 measurement, Hash256 authority, bool isAggregator, string endpoint, byte[] enclaveSignature) =>
        NetworkManagementContract.Abi.GetFunction("register").EncodeCall(enclavePublicKey.ToArray(), attestationToken.ToArray(), measurement, authority, isAggregator, endpoint, enclaveSignature);

    public static byte[] InitializeNetwork(Address enclaveAddress, ReadOnlySpan<byte> networkPublicKey, byte[] encryptedSeed, byte[] enclaveSignature, byte[] networkSignature) =>
        NetworkManagementContract.Abi.GetFunction("initializeNetwork").EncodeCall(enclaveAddress, networkPublicKey.ToArray(), encryptedSeed, enclaveSignature, networkSignature);

    public static byte[] RespondSecret(Address requester, byte[] encryptedSeed, byte[] knowledgeSignature, byte[] responderSignature) =>
        NetworkManagementContract.Abi.GetFunction("respondSecret").EncodeCall(requester, encryptedSeed, knowledgeSignature, responderSignature);

    /// <summary>A signature over <paramref name="digest"/> in the form the contracts' ecrecover takes: r ‖ s ‖ v, v ∈ {27, 28}.</summary>
    public static byte[] SignForL1(ISigner signer, in Hash256 digest)
    {
        ArgumentNullException.ThrowIfNull(signer);
        Span<byte> hash = stackalloc byte[Hash256.Size];
        digest.CopyTo(hash);
        var signature = signer.Sign(hash);
        signature[64] += 27;
        return signature;
    }
}
