using System.Buffers.Binary;
using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains;

/// <summary>
/// What an enclave signs when challenged: Keccak-256("Obscuro.EnclaveChallenge.v1" ‖ 0x00 ‖ u16 big-endian length of
/// the UTF-8 node id ‖ node id ‖ challenge (32 bytes)). The label keeps these signatures apart from every other use of
/// the enclave key (rollup headers, secret responses): a caller choosing the challenge cannot obtain a signature over
/// any other 32-byte hash. The length prefix makes (node id, challenge) → bytes one-to-one.
/// </summary>
public static class EnclaveChallenge
{
    public const int ChallengeSize = 32;
    public const string Label = "Obscuro.EnclaveChallenge.v1";

    public static byte[] Digest(string nodeId, ReadOnlySpan<byte> challenge)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        if (challenge.Length != ChallengeSize)
        {
            throw new ArgumentException($"A challenge is {ChallengeSize} bytes, got {challenge.Length}.", nameof(challenge));
        }

        var node = Encoding.UTF8.GetBytes(nodeId);
        if (node.Length > ushort.MaxValue)
        {
            throw new ArgumentException("The node id is too long.", nameof(nodeId));
        }

        var label = Encoding.ASCII.GetBytes(Label);
        var input = new byte[label.Length + 1 + sizeof(ushort) + node.Length + ChallengeSize];
        label.CopyTo(input, 0);
        var offset = label.Length + 1;
        BinaryPrimitives.WriteUInt16BigEndian(input.AsSpan(offset), (ushort)node.Length);
        offset += sizeof(ushort);
        node.CopyTo(input, offset);
        challenge.CopyTo(input.AsSpan(offset + node.Length));
        return Keccak256.HashToArray(input);
    }
}
