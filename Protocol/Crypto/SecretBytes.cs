using System.Security.Cryptography;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// Holder of key material shared by every key type here. The array lives on the pinned object heap so the garbage
/// collector never moves it and leaves stale copies behind; <see cref="Dispose"/> zeroes it. There is deliberately no
/// equality and no printing: comparing secrets belongs in constant-time code, and printing them nowhere.
/// </summary>
internal sealed class SecretBytes : IDisposable
{
    private readonly byte[] _bytes;
    private bool _disposed;

    public SecretBytes(int length)
    {
        _bytes = GC.AllocateArray<byte>(length, pinned: true);
    }

    public static SecretBytes CopyOf(ReadOnlySpan<byte> source)
    {
        var secret = new SecretBytes(source.Length);
        source.CopyTo(secret._bytes);
        return secret;
    }

    public int Length => _bytes.Length;

    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    public bool IsAllZero() => _bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    public override string ToString() => "[redacted]";
}
