using System.Buffers.Binary;

namespace Obscuro.Protocol.Ethereum.Rlp;

/// <summary>
/// Writes RLP into a span sized beforehand with <see cref="RlpLength"/>. Lists are written as a prefix (with the
/// payload length computed up front) followed by their items, which keeps encoding single-pass and allocation-free.
/// </summary>
public ref struct RlpWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public RlpWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    public void WriteListPrefix(int payloadLength) => WritePrefix(0xc0, payloadLength);

    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < 0x80)
        {
            _buffer[_position++] = value[0];
            return;
        }

        WritePrefix(0x80, value.Length);
        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
    }

    public void WriteUInt(ulong value)
    {
        if (value == 0)
        {
            _buffer[_position++] = 0x80;
            return;
        }

        if (value < 0x80)
        {
            _buffer[_position++] = (byte)value;
            return;
        }

        var length = RlpLength.OfBigEndian(value);
        _buffer[_position++] = (byte)(0x80 + length);
        WriteBigEndian(value, length);
    }

    public void WriteUInt(in UInt256 value)
    {
        if (value.FitsInUInt64)
        {
            WriteUInt(value.ToUInt64());
            return;
        }

        Span<byte> bytes = stackalloc byte[UInt256.Size];
        var length = value.WriteMinimalBigEndian(bytes);
        WriteBytes(bytes[..length]);
    }

    public void WriteAddress(in Address address)
    {
        _buffer[_position++] = 0x80 + Address.Size;
        address.CopyTo(_buffer.Slice(_position, Address.Size));
        _position += Address.Size;
    }

    public void WriteHash(in Hash256 hash)
    {
        _buffer[_position++] = 0x80 + Hash256.Size;
        hash.CopyTo(_buffer.Slice(_position, Hash256.Size));
        _position += Hash256.Size;
    }

    /// <summary>Copies bytes that are already RLP (an encoded item or a list's items).</summary>
    public void WriteEncoded(scoped ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_buffer[_position..]);
        _position += encoded.Length;
    }

    private void WritePrefix(byte offset, int payloadLength)
    {
        if (payloadLength < 56)
        {
            _buffer[_position++] = (byte)(offset + payloadLength);
            return;
        }

        var lengthOfLength = RlpLength.OfBigEndian((ulong)payloadLength);
        _buffer[_position++] = (byte)(offset + 55 + lengthOfLength);
        WriteBigEndian((ulong)payloadLength, lengthOfLength);
    }

    private void WriteBigEndian(ulong value, int length)
    {
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(word, value);
        word[(8 - length)..].CopyTo(_buffer[_position..]);
        _position += length;
    }
}
