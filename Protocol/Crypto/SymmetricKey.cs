namespace Obscuro.Protocol.Crypto;

/// <summary>
/// A 256-bit secret key: the layout key, the state sealing and commitment keys, or an injected sealing key.
/// Reveal keys have their own type, <see cref="RevealKey"/>, because they carry the option and interval they belong to.
/// Dispose it to zero the bytes; it never prints them.
/// </summary>
public sealed class SymmetricKey : IDisposable
{
    public const int Size = 32;

    private readonly SecretBytes _bytes;

    private SymmetricKey(SecretBytes bytes)
    {
        _bytes = bytes;
    }

    public static SymmetricKey Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new SecretBytes(Size);
        random.Fill(bytes.Span);
        return new SymmetricKey(bytes);
    }

    public static SymmetricKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != Size)
        {
            throw new ArgumentException($"A symmetric key is {Size} bytes, got {key.Length}.", nameof(key));
        }

        return new SymmetricKey(SecretBytes.CopyOf(key));
    }

    internal static SymmetricKey Adopt(SecretBytes bytes) => new(bytes);

    internal ReadOnlySpan<byte> Span => _bytes.Span;

    /// <summary>Copies the key out (to persist an injected sealing key, for example). Zero the copy after use.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length != Size)
        {
            throw new ArgumentException($"Expected a {Size}-byte destination, got {destination.Length}.", nameof(destination));
        }

        _bytes.Span.CopyTo(destination);
    }

    public void Dispose() => _bytes.Dispose();

    public override string ToString() => "SymmetricKey([redacted])";
}
