using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tee;

/// <summary>
/// The enclave's secp256k1 key (ARCHITECTURE §4: EK/AK). Generated inside the TEE at its first boot and stored only
/// sealed to it. The private key never leaves the implementing object: callers get the public key, the address and
/// signatures.
/// </summary>
public interface IEnclaveKey
{
    /// <summary>The 64-byte uncompressed public key (x ‖ y, without the 0x04 prefix).</summary>
    ReadOnlyMemory<byte> PublicKey { get; }

    Address Address { get; }

    /// <summary>
    /// Signs a 32-byte hash: 65 bytes r ‖ s ‖ v, v ∈ {0, 1}, low s. The hash must already be domain-separated by the
    /// caller (a label of its own in the hashed input) so that no two uses of the key can produce the same hash.
    /// </summary>
    byte[] Sign(ReadOnlySpan<byte> hash32);
}
