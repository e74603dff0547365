using System.Security.Cryptography;

namespace Obscuro.Grains.Attestation;

/// <summary>
/// How an attestation token names the enclave key it vouches for. On an Azure CVM the guest cannot choose the SNP
/// REPORT_DATA (the paravisor fills it with the hash of its runtime data), but it can write 64 bytes to vTPM NV index
/// 0x01400002, which the paravisor copies into that runtime data as <c>user-data</c>, and MAA into the token as
/// <c>x-ms-runtime.user-data</c>. Those 64 bytes are
/// <code>
/// user-data = SHA-512(enclave public key (64 bytes, x ‖ y) ‖ nonce)
/// </code>
/// The key has a fixed length, so the concatenation is unambiguous without a length prefix. The nonce is chosen by
/// whoever asks for the token (for L1 registration: a value both sides can recompute, see the enclave's registration
/// code); a token bound to one nonce is refused for another.
/// </summary>
public static class EnclaveKeyBinding
{
    public const int PublicKeySize = 64;
    public const int UserDataSize = 64;
    public const int MaxNonceSize = 1024;

    public static byte[] UserData(ReadOnlySpan<byte> enclavePublicKey, ReadOnlySpan<byte> nonce)
    {
        if (enclavePublicKey.Length != PublicKeySize)
        {
            throw new ArgumentException($"An enclave public key is {PublicKeySize} bytes (x ‖ y), got {enclavePublicKey.Length}.", nameof(enclavePublicKey));
        }

        if (nonce.IsEmpty || nonce.Length > MaxNonceSize)
        {
            throw new ArgumentException($"An attestation nonce is 1 to {MaxNonceSize} bytes, got {nonce.Length}.", nameof(nonce));
        }

        var input = new byte[PublicKeySize + nonce.Length];
        enclavePublicKey.CopyTo(input);
        nonce.CopyTo(input.AsSpan(PublicKeySize));
        return SHA512.HashData(input);
    }
}
