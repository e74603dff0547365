using System.Buffers.Binary;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// Writes consecutive 32-byte ABI words, which is all <c>abi.encode</c> produces for static values. The L1 contracts
/// hash exactly these bytes (Contracts/Solidity/FORMATS.md), so the protocol builds them without the ABI codec.
/// </summary>
internal ref struct AbiWordWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public AbiWordWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _buffer.Clear();
        _position = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    public void Write(in Hash256 value)
    {
        value.CopyTo(_buffer[_position..]);
        _position += 32;
    }

    public void Write(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.Slice(_position + 24, 8), value);
        _position += 32;
    }

    public void Write(in UInt256 value)
    {
        value.WriteBigEndian(_buffer[_position..]);
        _position += 32;
    }

    public void Write(in Address value)
    {
        value.CopyTo(_buffer.Slice(_position + 12, Address.Size));
        _position += 32;
    }
}
