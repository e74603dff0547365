using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Ethereum;

public class Keccak256Tests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    [InlineData("transfer(address,uint256)", "0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b")]
    public void Hashes_known_inputs(string input, string expected) =>
        Assert.Equal(expected, Keccak256.Hash(Encoding.ASCII.GetBytes(input)).ToString());

    [Theory]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(272)]
    public void Block_boundaries_match_incremental_definition(int length)
    {
        // 'a' repeated across the 136-byte rate: these lengths exercise the padding in the same and the next block.
        var data = Enumerable.Repeat((byte)'a', length).ToArray();
        var once = Keccak256.Hash(data);
        var again = Keccak256.Hash(data.AsSpan());
        Assert.Equal(once, again);
        Assert.NotEqual(once, Keccak256.Hash(data.AsSpan(1)));
    }

    [Fact]
    public void Million_a_vector()
    {
        var data = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();
        Assert.Equal("0xfadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96", Keccak256.Hash(data).ToString());
    }
}
