using System.Runtime.CompilerServices;

namespace Obscuro.Protocol.Ethereum.Receipts;

/// <summary>
/// The 2048-bit log bloom of receipts and headers. Each address and topic sets three bits, taken from the first six
/// bytes of its Keccak-256 as three big-endian 16-bit values mod 2048; bit b is bit b % 8 of byte 255 − b / 8.
/// Immutable; build one with <see cref="FromLogs"/> or <see cref="Union"/>.
/// </summary>
public sealed class Bloom : IEquatable<Bloom>
{
    public const int Size = 256;

    private readonly byte[] _bytes;

    public Bloom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A bloom is 256 bytes, got {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    private Bloom(byte[] owned) => _bytes = owned;

    public static Bloom Empty { get; } = new(new byte[Size]);

    public ReadOnlySpan<byte> Bytes => _bytes;

    public bool IsEmpty => !_bytes.AsSpan().ContainsAnyExcept((byte)0);

    public static Bloom Parse(string hex)
    {
        var bytes = new byte[Size];
        Hex.DecodeExact(hex, bytes);
        return new Bloom(bytes);
    }

    /// <summary>The bloom of a receipt: every log's address and topics.</summary>
    public static Bloom FromLogs(IReadOnlyList<Log> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (logs.Count == 0)
        {
            return Empty;
        }

        var bytes = new byte[Size];
        Span<byte> address = stackalloc byte[Address.Size];
        Span<byte> topic = stackalloc byte[Hash256.Size];
        for (var i = 0; i < logs.Count; i++)
        {
            var log = logs[i];
            log.Address.CopyTo(address);
            Add(bytes, address);
            for (var t = 0; t < log.Topics.Count; t++)
            {
                log.Topics[t].CopyTo(topic);
                Add(bytes, topic);
            }
        }

        return new Bloom(bytes);
    }

    /// <summary>The bitwise OR, as a block's bloom is of its receipts' blooms.</summary>
    public static Bloom Union(IReadOnlyList<Bloom> blooms)
    {
        ArgumentNullException.ThrowIfNull(blooms);
        var bytes = new byte[Size];
        for (var i = 0; i < blooms.Count; i++)
        {
            var other = blooms[i]._bytes;
            for (var b = 0; b < Size; b++)
            {
                bytes[b] |= other[b];
            }
        }

        return new Bloom(bytes);
    }

    /// <summary>False means the value (an address's or topic's bytes) is certainly absent; true means it may be present.</summary>
    [SkipLocalsInit]
    public bool MayContain(ReadOnlySpan<byte> value)
    {
        Span<byte> hash = stackalloc byte[Hash256.Size];
        Keccak256.Hash(value, hash);
        for (var i = 0; i < 6; i += 2)
        {
            var (index, mask) = BitOf(hash, i);
            if ((_bytes[index] & mask) == 0)
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(Bloom? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as Bloom);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => Hex.Encode(_bytes);

    [SkipLocalsInit]
    private static void Add(Span<byte> bloom, ReadOnlySpan<byte> value)
    {
        Span<byte> hash = stackalloc byte[Hash256.Size];
        Keccak256.Hash(value, hash);
        for (var i = 0; i < 6; i += 2)
        {
            var (index, mask) = BitOf(hash, i);
            bloom[index] |= mask;
        }
    }

    private static (int Index, byte Mask) BitOf(ReadOnlySpan<byte> hash, int offset)
    {
        var bit = ((hash[offset] << 8) | hash[offset + 1]) & 2047;
        return (Size - 1 - (bit >> 3), (byte)(1 << (bit & 7)));
    }
}
