using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Obscuro.Protocol.Ethereum;

/// <summary>A 32-byte hash held in four machine words, so it is cheap to compare and to use as a dictionary key.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Hash256 : IEquatable<Hash256>, IComparable<Hash256>
{
    public const int Size = 32;

    private readonly ulong _u0, _u1, _u2, _u3; // big-endian words: _u0 holds bytes 0..7

    public static readonly Hash256 Zero;

    public Hash256(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A hash is 32 bytes, got {bytes.Length}.", nameof(bytes));
        }

        _u0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _u1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _u2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _u3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public bool IsZero => (_u0 | _u1 | _u2 | _u3) == 0;

    /// <summary>Five bits of the hash starting at bit <c>5 × level</c> from the most significant end (levels 0..50).</summary>
    internal int Slot(int level)
    {
        var bit = level * 5;
        var word = bit >> 6;
        var offset = bit & 63;
        var value = Word(word) << offset;
        if (offset > 59 && word < 3)
        {
            value |= Word(word + 1) >> (64 - offset);
        }

        return (int)(value >> 59);
    }

    private ulong Word(int index) => index switch
    {
        0 => _u0,
        1 => _u1,
        2 => _u2,
        _ => _u3,
    };

    public static Hash256 Parse(string hex)
    {
        Span<byte> bytes = stackalloc byte[Size];
        Hex.DecodeExact(hex, bytes);
        return new Hash256(bytes);
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _u0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _u1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _u2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _u3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public bool Equals(Hash256 other) => _u0 == other._u0 && _u1 == other._u1 && _u2 == other._u2 && _u3 == other._u3;

    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_u0, _u1, _u2, _u3);

    public int CompareTo(Hash256 other)
    {
        var c = _u0.CompareTo(other._u0);
        if (c != 0) return c;
        c = _u1.CompareTo(other._u1);
        if (c != 0) return c;
        c = _u2.CompareTo(other._u2);
        return c != 0 ? c : _u3.CompareTo(other._u3);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }

    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);

    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);

    public static bool operator <(Hash256 left, Hash256 right) => left.CompareTo(right) < 0;

    public static bool operator >(Hash256 left, Hash256 right) => left.CompareTo(right) > 0;

    public static bool operator <=(Hash256 left, Hash256 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Hash256 left, Hash256 right) => left.CompareTo(right) >= 0;
}
