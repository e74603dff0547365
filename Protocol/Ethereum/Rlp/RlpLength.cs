using System.Numerics;

namespace Obscuro.Protocol.Ethereum.Rlp;

/// <summary>Encoded sizes, so encoders can size their output exactly and write it in one pass.</summary>
public static class RlpLength
{
    public static int OfBytes(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < 0x80 ? 1 : OfPrefix(value.Length) + value.Length;

    public static int OfBytes(int length, byte firstByte) =>
        length == 1 && firstByte < 0x80 ? 1 : OfPrefix(length) + length;

    public static int OfUInt(ulong value)
    {
        if (value < 0x80) return 1; // zero is 0x80, values below 0x80 are themselves
        var bytes = (64 - BitOperations.LeadingZeroCount(value) + 7) / 8;
        return 1 + bytes;
    }

    public static int OfUInt(in UInt256 value)
    {
        if (value.FitsInUInt64) return OfUInt(value.ToUInt64());
        return 1 + value.ByteLength; // more than 8 bytes, less than 56
    }

    public static int OfList(int payloadLength) => OfPrefix(payloadLength) + payloadLength;

    /// <summary>Bytes of the header for a string or list payload of this length.</summary>
    public static int OfPrefix(int payloadLength)
    {
        if (payloadLength < 56) return 1;
        return 1 + OfBigEndian((ulong)payloadLength);
    }

    internal static int OfBigEndian(ulong value) => (64 - BitOperations.LeadingZeroCount(value) + 7) / 8;
}
