namespace Obscuro.Protocol.Crypto;

/// <summary>
/// The spec's EncryptionKey(Reveal_option, Interval): the AES-256 key of one reveal option's transaction groups for
/// one interval. It carries its option and interval because they are part of what a group is bound to, so a key can
/// only be used for the groups it was derived for. Released to the public once its interval has ended; until then it
/// is as secret as the seed. Dispose it to zero the bytes; it never prints them.
/// </summary>
public sealed class RevealKey : IDisposable
{
    public const int Size = 32;

    private readonly SecretBytes _bytes;

    private RevealKey(RevealOption option, ulong interval, SecretBytes bytes)
    {
        Option = option;
        Interval = interval;
        _bytes = bytes;
    }

    public RevealOption Option { get; }

    public ulong Interval { get; }

    /// <summary>A released key, as published after its interval ended.</summary>
    public static RevealKey FromBytes(RevealOption option, ulong interval, ReadOnlySpan<byte> key)
    {
        KeySchedule.RequireDefined(option);
        if (key.Length != Size)
        {
            throw new ArgumentException($"A reveal key is {Size} bytes, got {key.Length}.", nameof(key));
        }

        return new RevealKey(option, interval, SecretBytes.CopyOf(key));
    }

    internal static RevealKey Adopt(RevealOption option, ulong interval, SecretBytes bytes) => new(option, interval, bytes);

    internal ReadOnlySpan<byte> Span => _bytes.Span;

    /// <summary>Copies the key out, to release it once its interval has ended.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length != Size)
        {
            throw new ArgumentException($"Expected a {Size}-byte destination, got {destination.Length}.", nameof(destination));
        }

        _bytes.Span.CopyTo(destination);
    }

    public void Dispose() => _bytes.Dispose();

    public override string ToString() => $"RevealKey({Option}, interval {Interval}, [redacted])";
}
