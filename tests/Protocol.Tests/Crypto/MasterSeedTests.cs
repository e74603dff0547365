using System.Security.Cryptography;
using Obscuro.Protocol.Crypto;

namespace Obscuro.Protocol.Tests.Crypto;

public class MasterSeedTests
{
    [Fact]
    public void Generated_from_the_random_source_and_copied_out_exactly()
    {
        var expected = new byte[32];
        new DeterministicRandomSource("seed"u8).Fill(expected);
        using var seed = MasterSeed.Generate(new DeterministicRandomSource("seed"u8));
        var copy = new byte[32];
        seed.CopyTo(copy);
        Assert.Equal(expected, copy);
    }

    [Fact]
    public void Two_generated_seeds_differ()
    {
        using var a = MasterSeed.Generate(SystemRandomSource.Instance);
        using var b = MasterSeed.Generate(SystemRandomSource.Instance);
        var bytesA = new byte[32];
        var bytesB = new byte[32];
        a.CopyTo(bytesA);
        b.CopyTo(bytesB);
        Assert.NotEqual(bytesA, bytesB);
    }

    [Fact]
    public void A_source_returning_zeros_is_refused()
    {
        var error = Assert.Throws<CryptographicException>(() => MasterSeed.Generate(new ScriptedRandomSource(new byte[32])));
        Assert.Contains("zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_length_or_all_zero_bytes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MasterSeed.FromBytes(new byte[31]));
        Assert.Throws<ArgumentException>(() => MasterSeed.FromBytes(new byte[33]));
        Assert.Throws<ArgumentException>(() => MasterSeed.FromBytes(new byte[32]));
        using var seed = CryptoVectors.Seed();
        Assert.Throws<ArgumentException>(() => seed.CopyTo(new byte[31]));
    }

    [Fact]
    public void Prints_no_bytes_and_is_unusable_after_dispose()
    {
        var seed = CryptoVectors.Seed();
        Assert.Equal("MasterSeed([redacted])", seed.ToString());
        seed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => seed.CopyTo(new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => new KeySchedule(seed));
    }
}
