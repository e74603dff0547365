using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Rollups;

/// <summary>Signing and checking rollup headers in the form L1's ecrecover takes: r ‖ s ‖ v with v ∈ {27, 28}.</summary>
public static class RollupSignature
{
    public static byte[] Sign(RollupHeader header, NetworkContext network, ISigner enclaveKey)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(enclaveKey);
        Span<byte> hash = stackalloc byte[32];
        header.SigningHash(network.L1ChainId, network.RollupContract).CopyTo(hash);
        var signature = enclaveKey.Sign(hash);
        signature[64] += 27;
        return signature;
    }

    /// <summary>The signer's address, or null if the signature is malformed (length, v, high s) or recovers nothing.</summary>
    public static Address? RecoverSigner(RollupHeader header, NetworkContext network, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(network);
        if (signature.Length != 65 || signature[64] is not (27 or 28)) return null;
        Span<byte> compact = stackalloc byte[65];
        signature.CopyTo(compact);
        compact[64] -= 27;
        Span<byte> hash = stackalloc byte[32];
        header.SigningHash(network.L1ChainId, network.RollupContract).CopyTo(hash);
        return Secp256k1.TryRecoverAddress(hash, compact, out var signer) ? signer : null;
    }
}
