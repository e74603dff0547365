using System.Buffers.Binary;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>
/// Strict reading of the fixed-size calldata of the hard-coded contracts: exact length, and address words with
/// zero high bytes. (The full ABI codec lives in Contracts; the protocol needs only this much.)
/// </summary>
internal static class AbiWords
{
    public static bool TryReadCall(ReadOnlySpan<byte> data, uint selector, int words, out ReadOnlySpan<byte> arguments)
    {
        arguments = default;
        if (data.Length != 4 + (32 * words) || BinaryPrimitives.ReadUInt32BigEndian(data) != selector) return false;
        arguments = data[4..];
        return true;
    }

    public static bool TryReadAddress(ReadOnlySpan<byte> arguments, int word, out Address address)
    {
        var slot = arguments.Slice(32 * word, 32);
        if (slot[..12].IndexOfAnyExcept((byte)0) >= 0)
        {
            address = default;
            return false;
        }

        address = new Address(slot[12..]);
        return true;
    }

    public static UInt256 ReadUInt256(ReadOnlySpan<byte> arguments, int word) => UInt256.FromBigEndian(arguments.Slice(32 * word, 32));

    public static byte[] Word(in UInt256 value) => value.ToBigEndianArray();

    public static Hash256 AddressTopic(in Address address)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        address.CopyTo(word[12..]);
        return new Hash256(word);
    }
}
