namespace Obscuro.Protocol.Crypto;

/// <summary>
/// The only way randomness enters the protocol. Production code passes <see cref="SystemRandomSource"/>; tests and
/// reproducible simulations pass <see cref="DeterministicRandomSource"/> so that every byte the protocol produces can
/// be pinned by test vectors.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> entirely with random bytes. Must be safe to call from any thread.</summary>
    void Fill(Span<byte> destination);
}
