using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Tests.Ethereum.Blocks;

namespace Obscuro.Protocol.Tests.Ethereum.Receipts;

public class BloomTests
{
    /// <summary>The logsBloom anvil reported for the receipt holding <see cref="BlockContentsTests.CreationLog"/>.</summary>
    private const string AnvilBloom =
        "0x0000000000000000000000000000000000000000000000000000200000000000000000000000000000010000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000002000000000000000000200000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "000000000080000000200000000000000000000000000008000000400000000000000000000000000000000000000000000000000000000000000000" +
        "0000000000000000000000020000000000";

    [Fact]
    public void Bloom_of_a_known_log_matches_anvil()
    {
        Assert.Equal(AnvilBloom, Bloom.FromLogs([BlockContentsTests.CreationLog]).ToString());
    }

    [Fact]
    public void Each_address_and_topic_sets_three_bits_from_its_hash()
    {
        // keccak(0x00…00 address) = 0x5380c7b7ae81a58eb98d9c78de4a1fd7fd9535fc953ed2be602daaa41767312a: the pairs
        // 0x5380, 0xc7b7, 0xae81 mod 2048 are bits 896, 1975, 1665 → bytes 255 − bit/8 = 143, 9, 47.
        var bloom = Bloom.FromLogs([new Log(Address.Zero, [], ReadOnlyMemory<byte>.Empty)]);
        var expected = new byte[256];
        expected[255 - (896 / 8)] |= 1 << (896 % 8);
        expected[255 - (1975 / 8)] |= 1 << (1975 % 8);
        expected[255 - (1665 / 8)] |= 1 << (1665 % 8);
        Assert.Equal(expected, bloom.Bytes.ToArray());
    }

    [Fact]
    public void May_contain_the_address_and_topics_it_was_built_from()
    {
        var log = BlockContentsTests.CreationLog;
        var bloom = Bloom.FromLogs([log]);
        Assert.True(bloom.MayContain(log.Address.ToArray()));
        Assert.True(bloom.MayContain(log.Topics[0].ToArray()));
        Assert.True(bloom.MayContain(log.Topics[1].ToArray()));
        Assert.False(bloom.MayContain(Address.Zero.ToArray()));
        Assert.False(Bloom.Empty.MayContain(log.Address.ToArray()));
    }

    [Fact]
    public void Data_does_not_enter_the_bloom()
    {
        var log = BlockContentsTests.CreationLog;
        Assert.Equal(Bloom.FromLogs([log]), Bloom.FromLogs([new Log(log.Address, log.Topics, new byte[] { 1, 2, 3 })]));
    }

    [Fact]
    public void Union_is_the_bitwise_or()
    {
        var a = Bloom.FromLogs([BlockContentsTests.CreationLog]);
        var b = Bloom.FromLogs([new Log(Address.Zero, [], ReadOnlyMemory<byte>.Empty)]);
        var union = Bloom.Union([a, b, Bloom.Empty]);
        for (var i = 0; i < Bloom.Size; i++)
        {
            Assert.Equal((byte)(a.Bytes[i] | b.Bytes[i]), union.Bytes[i]);
        }

        Assert.Equal(Bloom.FromLogs([BlockContentsTests.CreationLog, new Log(Address.Zero, [], ReadOnlyMemory<byte>.Empty)]), union);
    }

    [Fact]
    public void Rejects_a_bloom_of_the_wrong_size()
    {
        Assert.Throws<ArgumentException>(() => new Bloom(new byte[255]));
        Assert.Throws<FormatException>(() => Bloom.Parse("0x00"));
    }
}
