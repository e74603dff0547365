using System.Security.Cryptography;

namespace Obscuro.Protocol.Crypto;

/// <summary>The operating system's CSPRNG. The source for every key and nonce outside tests.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static SystemRandomSource Instance { get; } = new();

    private SystemRandomSource()
    {
    }

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
