using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Reveal;

namespace Obscuro.Protocol.Tests.Reveal;

public class RevealScheduleTests
{
    private static readonly RevealSchedule Short = new(1, 3, 6, 12, 24);

    [Fact]
    public void Xs_interval_is_one_rollup_and_ends_when_the_next_is_included()
    {
        Assert.Equal(5UL, Short.IntervalOf(RevealOption.XS, 5));
        Assert.False(Short.HasEnded(RevealOption.XS, 5, includedHeadGeneration: 5));
        Assert.True(Short.HasEnded(RevealOption.XS, 5, includedHeadGeneration: 6));
    }

    [Fact]
    public void S_interval_ends_exactly_at_the_first_rollup_of_the_next_interval()
    {
        Assert.Equal((3UL, 5UL), Short.GenerationsOf(RevealOption.S, 1));
        Assert.False(Short.HasEnded(RevealOption.S, 1, includedHeadGeneration: 5));
        Assert.True(Short.HasEnded(RevealOption.S, 1, includedHeadGeneration: 6));
    }

    [Fact]
    public void Default_lengths_follow_the_spec_at_twelve_second_rollups()
    {
        Assert.Equal(3600UL / 12, RevealSchedule.Default.S);
        Assert.Equal(24UL * 3600 / 12, RevealSchedule.Default.M);
        Assert.Equal(365UL * 24 * 3600 / 12, RevealSchedule.Default.XL);
        RevealSchedule.Default.Validate();
    }

    [Theory]
    [InlineData(0UL, 1UL, 1UL, 1UL, 1UL)]
    [InlineData(2UL, 1UL, 3UL, 4UL, 5UL)]
    [InlineData(1UL, 2UL, 3UL, 5UL, 4UL)]
    public void Invalid_lengths_are_rejected(ulong xs, ulong s, ulong m, ulong l, ulong xl) =>
        Assert.Throws<ArgumentException>(() => new RevealSchedule(xs, s, m, l, xl).Validate());

    [Property]
    public Property Every_generation_is_in_exactly_the_interval_whose_range_contains_it(ulong generation, byte optionByte)
    {
        var option = (RevealOption)(optionByte % 5);
        generation %= 1_000_000;
        var interval = Short.IntervalOf(option, generation);
        var (first, last) = Short.GenerationsOf(option, interval);
        return (first <= generation && generation <= last && !Short.HasEnded(option, interval, last) && Short.HasEnded(option, interval, last + 1)).ToProperty();
    }
}
