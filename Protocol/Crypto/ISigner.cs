using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// A secp256k1 key that signs without exposing itself: a key pair in memory, or an enclave key sealed inside a TEE.
/// Signatures are 65 bytes r ‖ s ‖ v with v ∈ {0, 1} and low s. Callers domain-separate what they sign.
/// </summary>
public interface ISigner
{
    Address Address { get; }

    byte[] Sign(ReadOnlySpan<byte> hash32);
}
