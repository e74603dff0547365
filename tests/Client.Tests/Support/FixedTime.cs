namespace Obscuro.Client.Tests.Support;

/// <summary>A clock stopped at one instant, so a keystore file written in a test is byte-for-byte reproducible.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
