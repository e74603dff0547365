using System.Security.Cryptography;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// The network's 256-bit shared secret (spec "Shared Secret"): made once, in the first enclave, and passed to every
/// attested enclave after that (ECIES to its enclave key). Every other network secret is derived from it by
/// <see cref="KeySchedule"/>. Dispose it to zero the bytes; it never prints them.
/// </summary>
public sealed class MasterSeed : IDisposable
{
    public const int Size = 32;

    private readonly SecretBytes _bytes;

    private MasterSeed(SecretBytes bytes)
    {
        _bytes = bytes;
    }

    /// <summary>A fresh seed. An all-zero draw is refused: it means the random source is broken, not unlucky.</summary>
    public static MasterSeed Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new SecretBytes(Size);
        random.Fill(bytes.Span);
        if (bytes.IsAllZero())
        {
            bytes.Dispose();
            throw new CryptographicException("The random source returned 32 zero bytes; refusing to use it for a master seed.");
        }

        return new MasterSeed(bytes);
    }

    /// <summary>A seed received from another enclave or unsealed from storage. All zeros is refused (an unfilled buffer).</summary>
    public static MasterSeed FromBytes(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Size)
        {
            throw new ArgumentException($"A master seed is {Size} bytes, got {seed.Length}.", nameof(seed));
        }

        var bytes = SecretBytes.CopyOf(seed);
        if (bytes.IsAllZero())
        {
            bytes.Dispose();
            throw new ArgumentException("A master seed of all zeros is refused (an unfilled buffer?).", nameof(seed));
        }

        return new MasterSeed(bytes);
    }

    internal ReadOnlySpan<byte> Span => _bytes.Span;

    /// <summary>Copies the secret out, for sealing it or encrypting it to another enclave. Zero the copy after use.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length != Size)
        {
            throw new ArgumentException($"Expected a {Size}-byte destination, got {destination.Length}.", nameof(destination));
        }

        _bytes.Span.CopyTo(destination);
    }

    public void Dispose() => _bytes.Dispose();

    public override string ToString() => "MasterSeed([redacted])";
}
