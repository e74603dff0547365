using System.Buffers.Binary;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Registration;

/// <summary>
/// The nonce a registering enclave binds into its attestation token (with its key: <c>user-data = SHA-512(enclave
/// public key ‖ nonce)</c>), and which every enclave that validates the token recomputes from public L1 facts:
/// <code>
/// nonce = "Obscuro.attestation.v1" ‖ L1 chain id (u64, big-endian) ‖ NetworkManagement (20) ‖ operator (20)
/// </code>
/// So a token obtained for one network, or for one operator's registration, is refused for another; no round trip with
/// the validators is needed, which is what lets the token travel in a single L1 transaction.
/// </summary>
public static class AttestationNonce
{
    private static ReadOnlySpan<byte> Tag => "Obscuro.attestation.v1"u8;

    public static byte[] For(ulong l1ChainId, Address networkManagement, Address operatorAccount)
    {
        var nonce = new byte[Tag.Length + 8 + (2 * Address.Size)];
        Tag.CopyTo(nonce);
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(Tag.Length), l1ChainId);
        networkManagement.CopyTo(nonce.AsSpan(Tag.Length + 8));
        operatorAccount.CopyTo(nonce.AsSpan(Tag.Length + 8 + Address.Size));
        return nonce;
    }
}
