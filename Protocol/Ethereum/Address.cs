using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Obscuro.Protocol.Ethereum;

/// <summary>A 20-byte Ethereum account address, stored in three words so it is a cheap dictionary key.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Size = 20;

    private readonly ulong _u0, _u1; // bytes 0..15, big-endian
    private readonly uint _u2;       // bytes 16..19

    public static readonly Address Zero;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"An address is 20 bytes, got {bytes.Length}.", nameof(bytes));
        }

        _u0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _u1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _u2 = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public bool IsZero => (_u0 | _u1 | _u2) == 0;

    /// <summary>True when only the last byte may be non-zero (the range of precompile-like system addresses).</summary>
    public bool HasOnlyLastByte => (_u0 | _u1 | (_u2 & 0xFFFFFF00u)) == 0;

    /// <summary>The address of a public key: the last 20 bytes of Keccak-256 over the 64-byte uncompressed point (without 0x04).</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey64)
    {
        if (publicKey64.Length != 64)
        {
            throw new ArgumentException($"Expected a 64-byte uncompressed public key without prefix, got {publicKey64.Length} bytes.", nameof(publicKey64));
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(publicKey64, hash);
        return new Address(hash[12..]);
    }

    /// <summary>
    /// Parses 40 hex digits with an optional 0x prefix. Mixed-case input must carry a valid EIP-55 checksum;
    /// all-lower or all-upper input carries no checksum and is accepted as is.
    /// </summary>
    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address, out var error))
        {
            throw new FormatException(error);
        }

        return address;
    }

    public static bool TryParse(string? text, out Address address, out string error)
    {
        address = default;
        if (text is null)
        {
            error = "Address is missing.";
            return false;
        }

        var digits = text.AsSpan();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length != Size * 2)
        {
            error = $"An address is 40 hex digits, got {digits.Length}.";
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(digits, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            error = "Address contains a character that is not a hex digit.";
            return false;
        }

        address = new Address(bytes);
        var hasLower = digits.ContainsAnyInRange('a', 'f');
        var hasUpper = digits.ContainsAnyInRange('A', 'F');
        if (hasLower && hasUpper && !digits.SequenceEqual(address.ToChecksumString().AsSpan(2)))
        {
            address = default;
            error = "Address has mixed case but its EIP-55 checksum is wrong (a typo?).";
            return false;
        }

        error = string.Empty;
        return true;
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _u0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _u1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _u2);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The EIP-55 mixed-case checksum form.</summary>
    public string ToChecksumString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        Span<char> lower = stackalloc char[Size * 2];
        Convert.TryToHexStringLower(bytes, lower, out _);
        Span<byte> ascii = stackalloc byte[Size * 2];
        for (var i = 0; i < lower.Length; i++)
        {
            ascii[i] = (byte)lower[i];
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(ascii, hash);
        Span<char> result = stackalloc char[2 + (Size * 2)];
        result[0] = '0';
        result[1] = 'x';
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
            result[2 + i] = nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i];
        }

        return new string(result);
    }

    public bool Equals(Address other) => _u0 == other._u0 && _u1 == other._u1 && _u2 == other._u2;

    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_u0, _u1, _u2);

    public int CompareTo(Address other)
    {
        var c = _u0.CompareTo(other._u0);
        if (c != 0) return c;
        c = _u1.CompareTo(other._u1);
        return c != 0 ? c : _u2.CompareTo(other._u2);
    }

    /// <summary>Lower-case hex; use <see cref="ToChecksumString"/> for display to people.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }

    public static bool operator ==(Address left, Address right) => left.Equals(right);

    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;
}
