using System.Buffers.Binary;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Gossip;

/// <summary>
/// Authenticates a gossip request between aggregators: the sending host signs, with its L1 operator key (the account
/// NetworkManagement recorded when the node registered), the digest
/// <c>keccak256("Obscuro.Gossip.v1" ‖ l1ChainId (8, BE) ‖ networkManagement (20) ‖ kind (1) ‖ sequence (8, BE) ‖ keccak256(body))</c>.
/// The receiver recovers the operator and looks it up in its verified registry view. The host has no enclave key, so
/// this proves which registered node sent the bytes (for rate limits and replay protection); the content of a
/// candidate is proven separately by its enclave signature.
/// </summary>
public static class GossipSignature
{
    private static ReadOnlySpan<byte> Domain => "Obscuro.Gossip.v1"u8;

    public static byte[] Digest(ulong l1ChainId, Address networkManagement, GossipKind kind, ulong sequence, ReadOnlySpan<byte> body)
    {
        Span<byte> input = stackalloc byte[17 + 8 + Address.Size + 1 + 8 + 32];
        var at = 0;
        Domain.CopyTo(input);
        at += Domain.Length;
        BinaryPrimitives.WriteUInt64BigEndian(input[at..], l1ChainId);
        at += 8;
        networkManagement.CopyTo(input[at..]);
        at += Address.Size;
        input[at++] = (byte)kind;
        BinaryPrimitives.WriteUInt64BigEndian(input[at..], sequence);
        at += 8;
        Keccak256.Hash(body, input[at..]);
        return Keccak256.HashToArray(input);
    }

    public static byte[] Sign(ISigner signer, ulong l1ChainId, Address networkManagement, GossipKind kind, ulong sequence, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return signer.Sign(Digest(l1ChainId, networkManagement, kind, sequence, body));
    }

    /// <summary>The signing operator, or null when the signature is malformed or recovers nothing.</summary>
    public static Address? Recover(ulong l1ChainId, Address networkManagement, GossipKind kind, ulong sequence, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Secp256k1.SignatureSize) return null;
        var digest = Digest(l1ChainId, networkManagement, kind, sequence, body);
        return Secp256k1.TryRecoverAddress(digest, signature, out var signer) ? signer : null;
    }
}
