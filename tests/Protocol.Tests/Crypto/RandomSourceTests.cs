using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

public class RandomSourceTests
{
    [Fact]
    public void Deterministic_source_vector()
    {
        var bytes = new byte[40];
        new DeterministicRandomSource("test"u8).Fill(bytes);
        Assert.Equal(CryptoVectors.DeterministicStreamOfTest, Hex.Encode(bytes));
    }

    [Fact]
    public void Deterministic_stream_does_not_depend_on_how_it_is_read()
    {
        var whole = new byte[100];
        new DeterministicRandomSource("seed"u8).Fill(whole);

        var pieces = new byte[100];
        var source = new DeterministicRandomSource("seed"u8);
        source.Fill(pieces.AsSpan(0, 1));
        source.Fill(pieces.AsSpan(1, 31));
        source.Fill(pieces.AsSpan(32, 33));
        source.Fill(pieces.AsSpan(65, 0));
        source.Fill(pieces.AsSpan(65));
        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Different_seeds_give_different_streams()
    {
        var a = new byte[32];
        var b = new byte[32];
        new DeterministicRandomSource("a"u8).Fill(a);
        new DeterministicRandomSource("b"u8).Fill(b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void System_source_fills_the_whole_buffer()
    {
        var a = new byte[64];
        var b = new byte[64];
        SystemRandomSource.Instance.Fill(a);
        SystemRandomSource.Instance.Fill(b);
        Assert.NotEqual(a, b);
        Assert.NotEqual(new byte[64], a);
    }
}
