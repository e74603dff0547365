using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Obscuro.Protocol.Ethereum;

/// <summary>
/// An unsigned 256-bit integer (Ethereum's uint256) in four words. Arithmetic is checked: overflow and underflow
/// throw <see cref="OverflowException"/> unless a Try method is used. Kept allocation-free for the execution hot path.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>
{
    public const int Size = 32;

    private readonly ulong _u0, _u1, _u2, _u3; // _u0 is least significant

    public static readonly UInt256 Zero;
    public static readonly UInt256 One = new(1UL);
    public static readonly UInt256 MaxValue = new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    public UInt256(ulong value) => _u0 = value;

    public UInt256(ulong u0, ulong u1, ulong u2, ulong u3)
    {
        _u0 = u0;
        _u1 = u1;
        _u2 = u2;
        _u3 = u3;
    }

    public bool IsZero => (_u0 | _u1 | _u2 | _u3) == 0;

    /// <summary>True when the value fits in a ulong.</summary>
    public bool FitsInUInt64 => (_u1 | _u2 | _u3) == 0;

    /// <summary>Number of significant bits (0 for zero).</summary>
    public int BitLength =>
        _u3 != 0 ? 256 - BitOperations.LeadingZeroCount(_u3) :
        _u2 != 0 ? 192 - BitOperations.LeadingZeroCount(_u2) :
        _u1 != 0 ? 128 - BitOperations.LeadingZeroCount(_u1) :
        64 - BitOperations.LeadingZeroCount(_u0);

    /// <summary>Minimal big-endian length in bytes (0 for zero), as RLP encodes integers.</summary>
    public int ByteLength => (BitLength + 7) / 8;

    /// <summary>Reads a big-endian unsigned integer of at most 32 bytes.</summary>
    public static UInt256 FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Size)
        {
            throw new OverflowException($"A uint256 is at most 32 bytes, got {bytes.Length}.");
        }

        Span<byte> padded = stackalloc byte[Size];
        padded.Clear();
        bytes.CopyTo(padded[(Size - bytes.Length)..]);
        return new UInt256(
            BinaryPrimitives.ReadUInt64BigEndian(padded[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(padded[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(padded[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(padded));
    }

    /// <summary>Writes all 32 bytes big-endian (the ABI word form).</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _u3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _u2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _u1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _u0);
    }

    /// <summary>Writes the minimal big-endian form (no leading zeros) and returns its length.</summary>
    public int WriteMinimalBigEndian(Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[Size];
        WriteBigEndian(full);
        var length = ByteLength;
        full[(Size - length)..].CopyTo(destination);
        return length;
    }

    public byte[] ToBigEndianArray()
    {
        var bytes = new byte[Size];
        WriteBigEndian(bytes);
        return bytes;
    }

    public static UInt256 FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new OverflowException("A uint256 cannot be negative.");
        }

        var byteCount = value.GetByteCount(isUnsigned: true);
        if (byteCount > Size)
        {
            throw new OverflowException("Value does not fit in 256 bits.");
        }

        Span<byte> bytes = stackalloc byte[byteCount];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: true);
        return FromBigEndian(bytes);
    }

    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteBigEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Parses decimal digits, or hex with a 0x prefix.</summary>
    public static UInt256 Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var digits = text.AsSpan(2);
            if (digits.Length == 0 || digits.Length > 64)
            {
                throw new FormatException($"Hex quantity must have 1 to 64 digits, got {digits.Length}.");
            }

            var value = BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            return FromBigInteger(value);
        }

        if (text.Length == 0 || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new FormatException($"'{text}' is not a non-negative decimal integer.");
        }

        return FromBigInteger(BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    public ulong ToUInt64() => FitsInUInt64 ? _u0 : throw new OverflowException("Value does not fit in 64 bits.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAdd(in UInt256 a, in UInt256 b, out UInt256 sum)
    {
        ulong carry;
        var r0 = a._u0 + b._u0;
        carry = r0 < a._u0 ? 1UL : 0UL;
        var t1 = a._u1 + b._u1;
        var c1 = t1 < a._u1 ? 1UL : 0UL;
        var r1 = t1 + carry;
        carry = c1 | (r1 < t1 ? 1UL : 0UL);
        var t2 = a._u2 + b._u2;
        var c2 = t2 < a._u2 ? 1UL : 0UL;
        var r2 = t2 + carry;
        carry = c2 | (r2 < t2 ? 1UL : 0UL);
        var t3 = a._u3 + b._u3;
        var c3 = t3 < a._u3 ? 1UL : 0UL;
        var r3 = t3 + carry;
        carry = c3 | (r3 < t3 ? 1UL : 0UL);
        sum = new UInt256(r0, r1, r2, r3);
        return carry == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySubtract(in UInt256 a, in UInt256 b, out UInt256 difference)
    {
        ulong borrow;
        var r0 = a._u0 - b._u0;
        borrow = a._u0 < b._u0 ? 1UL : 0UL;
        var t1 = a._u1 - b._u1;
        var b1 = a._u1 < b._u1 ? 1UL : 0UL;
        var r1 = t1 - borrow;
        borrow = b1 | (t1 < borrow ? 1UL : 0UL);
        var t2 = a._u2 - b._u2;
        var b2 = a._u2 < b._u2 ? 1UL : 0UL;
        var r2 = t2 - borrow;
        borrow = b2 | (t2 < borrow ? 1UL : 0UL);
        var t3 = a._u3 - b._u3;
        var b3 = a._u3 < b._u3 ? 1UL : 0UL;
        var r3 = t3 - borrow;
        borrow = b3 | (t3 < borrow ? 1UL : 0UL);
        difference = new UInt256(r0, r1, r2, r3);
        return borrow == 0;
    }

    public static bool TryMultiply(in UInt256 a, in UInt256 b, out UInt256 product)
    {
        // Schoolbook on 64-bit limbs; any contribution above limb 3 is an overflow.
        Span<ulong> x = [a._u0, a._u1, a._u2, a._u3];
        Span<ulong> y = [b._u0, b._u1, b._u2, b._u3];
        Span<ulong> r = stackalloc ulong[8];
        r.Clear();
        for (var i = 0; i < 4; i++)
        {
            if (x[i] == 0) continue;
            ulong carry = 0;
            for (var j = 0; j < 4; j++)
            {
                var hi = Math.BigMul(x[i], y[j], out var lo);
                lo += carry;
                hi += lo < carry ? 1UL : 0UL;
                var sum = r[i + j] + lo;
                hi += sum < lo ? 1UL : 0UL;
                r[i + j] = sum;
                carry = hi;
            }

            r[i + 4] += carry;
        }

        product = new UInt256(r[0], r[1], r[2], r[3]);
        return (r[4] | r[5] | r[6] | r[7]) == 0;
    }

    public static UInt256 operator +(in UInt256 a, in UInt256 b) =>
        TryAdd(a, b, out var sum) ? sum : throw new OverflowException("uint256 addition overflowed.");

    public static UInt256 operator -(in UInt256 a, in UInt256 b) =>
        TrySubtract(a, b, out var difference) ? difference : throw new OverflowException("uint256 subtraction underflowed.");

    public static UInt256 operator *(in UInt256 a, in UInt256 b) =>
        TryMultiply(a, b, out var product) ? product : throw new OverflowException("uint256 multiplication overflowed.");

    public static UInt256 operator /(in UInt256 a, in UInt256 b) =>
        b.IsZero ? throw new DivideByZeroException() : FromBigInteger(a.ToBigInteger() / b.ToBigInteger());

    public static UInt256 operator %(in UInt256 a, in UInt256 b) =>
        b.IsZero ? throw new DivideByZeroException() : FromBigInteger(a.ToBigInteger() % b.ToBigInteger());

    public static implicit operator UInt256(ulong value) => new(value);

    public static explicit operator ulong(in UInt256 value) => value.ToUInt64();

    public bool Equals(UInt256 other) => _u0 == other._u0 && _u1 == other._u1 && _u2 == other._u2 && _u3 == other._u3;

    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_u0, _u1, _u2, _u3);

    public int CompareTo(UInt256 other)
    {
        if (_u3 != other._u3) return _u3 < other._u3 ? -1 : 1;
        if (_u2 != other._u2) return _u2 < other._u2 ? -1 : 1;
        if (_u1 != other._u1) return _u1 < other._u1 ? -1 : 1;
        return _u0 == other._u0 ? 0 : _u0 < other._u0 ? -1 : 1;
    }

    public override string ToString() =>
        FitsInUInt64 ? _u0.ToString(CultureInfo.InvariantCulture) : ToBigInteger().ToString(CultureInfo.InvariantCulture);

    /// <summary>0x-prefixed minimal hex, the JSON-RPC quantity form.</summary>
    public string ToHexQuantity()
    {
        if (IsZero) return "0x0";
        Span<byte> bytes = stackalloc byte[Size];
        var length = WriteMinimalBigEndian(bytes);
        return "0x" + Convert.ToHexStringLower(bytes[..length]).TrimStart('0');
    }

    public static bool operator ==(in UInt256 left, in UInt256 right) => left.Equals(right);

    public static bool operator !=(in UInt256 left, in UInt256 right) => !left.Equals(right);

    public static bool operator <(in UInt256 left, in UInt256 right) => left.CompareTo(right) < 0;

    public static bool operator >(in UInt256 left, in UInt256 right) => left.CompareTo(right) > 0;

    public static bool operator <=(in UInt256 left, in UInt256 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(in UInt256 left, in UInt256 right) => left.CompareTo(right) >= 0;
}
