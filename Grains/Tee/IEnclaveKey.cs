using Obscuro.Protocol.Crypto;

namespace Obscuro.Grains.Tee;

/// <summary>
/// The enclave's secp256k1 key (ARCHITECTURE §4: EK/AK). Generated inside the TEE at its first boot and stored only
/// sealed to it. The private key never leaves the implementing object: callers get the public key, the address and
/// signatures (65 bytes r ‖ s ‖ v, v ∈ {0, 1}, low s, over hashes the caller domain-separates).
/// </summary>
public interface IEnclaveKey : ISigner
{
    /// <summary>The 64-byte uncompressed public key (x ‖ y, without the 0x04 prefix).</summary>
    ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>
    /// Decrypts an ECIES message addressed to this enclave (for example the master seed from another enclave); throws
    /// <see cref="Protocol.Crypto.CiphertextRejectedException"/> when it is not for this key or was altered.
    /// </summary>
    byte[] Decrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData);
}
