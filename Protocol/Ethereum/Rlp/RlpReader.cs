using System.Buffers.Binary;

namespace Obscuro.Protocol.Ethereum.Rlp;

/// <summary>
/// Reads canonical RLP and rejects everything else: a single byte below 0x80 wrapped as a string, a long form where
/// the short form fits, lengths with leading zeros or beyond the input, integers with leading zeros, and (through
/// <see cref="EnsureEnd"/>) trailing bytes. Messages name the offset relative to the start of the outermost input.
/// </summary>
public ref struct RlpReader
{
    /// <summary>No item may claim more than this many bytes; it bounds length arithmetic well below int overflow.</summary>
    public const int MaxItemLength = 64 * 1024 * 1024;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    public RlpReader(ReadOnlySpan<byte> data) : this(data, 0) { }

    private RlpReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    public readonly bool IsAtEnd => _position >= _data.Length;

    public readonly int Position => _position;

    public readonly bool NextIsList
    {
        get
        {
            if (IsAtEnd) throw Error("expected an item but the input ended");
            return _data[_position] >= 0xc0;
        }
    }

    /// <summary>Reads a string item and returns its payload.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var (isList, offset, length) = ReadHeader();
        if (isList) throw Error("expected a string but found a list", offset);
        return _data.Slice(offset, length);
    }

    /// <summary>Reads a list item and returns a reader over its payload.</summary>
    public RlpReader ReadList()
    {
        var (isList, offset, length) = ReadHeader();
        if (!isList) throw Error("expected a list but found a string", offset);
        return new RlpReader(_data.Slice(offset, length), _baseOffset + offset);
    }

    /// <summary>Skips one item and returns its full encoding (header included).</summary>
    public ReadOnlySpan<byte> ReadEncodedItem()
    {
        var start = _position;
        _ = ReadHeader();
        return _data[start.._position];
    }

    public ulong ReadUInt64()
    {
        var start = _position;
        var bytes = ReadBytes();
        if (bytes.Length > 8) throw Error($"integer of {bytes.Length} bytes does not fit in 64 bits", start);
        CheckCanonicalInteger(bytes, start);
        ulong value = 0;
        foreach (var b in bytes) value = (value << 8) | b;
        return value;
    }

    public UInt256 ReadUInt256()
    {
        var start = _position;
        var bytes = ReadBytes();
        if (bytes.Length > 32) throw Error($"integer of {bytes.Length} bytes does not fit in 256 bits", start);
        CheckCanonicalInteger(bytes, start);
        return UInt256.FromBigEndian(bytes);
    }

    public Address ReadAddress()
    {
        var start = _position;
        var bytes = ReadBytes();
        if (bytes.Length != Address.Size) throw Error($"expected a 20-byte address, got {bytes.Length} bytes", start);
        return new Address(bytes);
    }

    /// <summary>An address, or an empty string meaning "none" (contract creation's "to").</summary>
    public Address? ReadOptionalAddress()
    {
        var start = _position;
        var bytes = ReadBytes();
        if (bytes.Length == 0) return null;
        if (bytes.Length != Address.Size) throw Error($"expected a 20-byte address or nothing, got {bytes.Length} bytes", start);
        return new Address(bytes);
    }

    public Hash256 ReadHash()
    {
        var start = _position;
        var bytes = ReadBytes();
        if (bytes.Length != Hash256.Size) throw Error($"expected a 32-byte hash, got {bytes.Length} bytes", start);
        return new Hash256(bytes);
    }

    /// <summary>Fails when bytes remain after the last expected item.</summary>
    public readonly void EnsureEnd()
    {
        if (!IsAtEnd)
        {
            throw Error($"{_data.Length - _position} unexpected trailing byte(s)");
        }
    }

    private (bool IsList, int Offset, int Length) ReadHeader()
    {
        if (IsAtEnd) throw Error("expected an item but the input ended");
        var start = _position;
        var prefix = _data[_position];
        int headerLength, payloadLength;
        bool isList;

        if (prefix < 0x80)
        {
            _position++;
            return (false, start, 1);
        }

        if (prefix <= 0xb7)
        {
            isList = false;
            headerLength = 1;
            payloadLength = prefix - 0x80;
            if (payloadLength == 1)
            {
                if (start + 1 >= _data.Length) throw Error("string of 1 byte runs past the end of the input", start);
                if (_data[start + 1] < 0x80) throw Error($"single byte 0x{_data[start + 1]:x2} below 0x80 must not be wrapped as a string", start);
            }
        }
        else if (prefix <= 0xbf)
        {
            isList = false;
            (headerLength, payloadLength) = ReadLongLength(start, prefix - 0xb7);
        }
        else if (prefix <= 0xf7)
        {
            isList = true;
            headerLength = 1;
            payloadLength = prefix - 0xc0;
        }
        else
        {
            isList = true;
            (headerLength, payloadLength) = ReadLongLength(start, prefix - 0xf7);
        }

        var offset = start + headerLength;
        if (payloadLength > _data.Length - offset)
        {
            throw Error($"{(isList ? "list" : "string")} of {payloadLength} bytes runs past the end of the input ({_data.Length - offset} left)", start);
        }

        _position = offset + payloadLength;
        return (isList, offset, payloadLength);
    }

    private readonly (int HeaderLength, int PayloadLength) ReadLongLength(int start, int lengthOfLength)
    {
        if (start + 1 + lengthOfLength > _data.Length) throw Error("length prefix runs past the end of the input", start);
        var lengthBytes = _data.Slice(start + 1, lengthOfLength);
        if (lengthBytes[0] == 0) throw Error("length has a leading zero byte", start);
        if (lengthOfLength > 4) throw Error($"length of {lengthOfLength} bytes overflows the size limit", start);
        Span<byte> word = stackalloc byte[4];
        word.Clear();
        lengthBytes.CopyTo(word[(4 - lengthOfLength)..]);
        var length = BinaryPrimitives.ReadUInt32BigEndian(word);
        if (length < 56) throw Error($"long form used for a length of {length}, which fits the short form", start);
        if (length > MaxItemLength) throw Error($"item of {length} bytes exceeds the {MaxItemLength}-byte limit", start);
        return (1 + lengthOfLength, (int)length);
    }

    private readonly void CheckCanonicalInteger(ReadOnlySpan<byte> bytes, int start)
    {
        if (bytes.Length > 0 && bytes[0] == 0) throw Error("integer has a leading zero byte", start);
    }

    private readonly RlpException Error(string what) => Error(what, _position);

    private readonly RlpException Error(string what, int offset) =>
        new($"Invalid RLP at byte {_baseOffset + offset}: {what}.");
}
