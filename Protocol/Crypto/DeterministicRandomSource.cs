using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// A reproducible byte stream for tests and simulations: block i is HMAC-SHA256(seed, "Obscuro.DeterministicRandom.v1"
/// ‖ i as 8 big-endian bytes), and the stream is the blocks in order. Anyone who knows the seed knows every byte, so
/// it must never supply keys or nonces in a real deployment. Thread-safe (a lock), so a simulation may share one.
/// </summary>
public sealed class DeterministicRandomSource : IRandomSource
{
    private static ReadOnlySpan<byte> Domain => "Obscuro.DeterministicRandom.v1"u8;

    private readonly byte[] _seed;
    private readonly byte[] _block = new byte[32];
    private readonly Lock _lock = new();
    private ulong _counter;
    private int _available;

    public DeterministicRandomSource(ReadOnlySpan<byte> seed)
    {
        _seed = seed.ToArray();
    }

    public void Fill(Span<byte> destination)
    {
        lock (_lock)
        {
            while (!destination.IsEmpty)
            {
                if (_available == 0)
                {
                    NextBlock();
                }

                var take = Math.Min(_available, destination.Length);
                _block.AsSpan(_block.Length - _available, take).CopyTo(destination);
                destination = destination[take..];
                _available -= take;
            }
        }
    }

    private void NextBlock()
    {
        Span<byte> message = stackalloc byte[Domain.Length + sizeof(ulong)];
        Domain.CopyTo(message);
        BinaryPrimitives.WriteUInt64BigEndian(message[Domain.Length..], _counter++);
        HMACSHA256.HashData(_seed, message, _block);
        _available = _block.Length;
    }
}
