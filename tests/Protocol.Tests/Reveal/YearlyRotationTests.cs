using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Reveal;

namespace Obscuro.Protocol.Tests.Reveal;

public class YearlyRotationTests
{
    private static readonly ulong Year = YearlyRotation.RollupsPerYear();

    [Fact]
    public void A_year_is_2_628_000_rollups_at_twelve_seconds_and_the_default_XL_is_one_year()
    {
        Assert.Equal(2_628_000UL, Year);
        YearlyRotation.RequireYearly(RevealSchedule.Default);
    }

    [Fact]
    public void The_key_rotates_at_the_first_rollup_of_each_year_and_the_past_year_is_revealed_then()
    {
        var schedule = RevealSchedule.Default;
        Assert.Equal(0UL, YearlyRotation.YearOf(schedule, Year - 1));
        Assert.Equal(1UL, YearlyRotation.YearOf(schedule, Year));
        Assert.Equal(Year, YearlyRotation.RevealedFrom(schedule, 0));
        Assert.False(schedule.HasEnded(RevealOption.XL, 0, includedHeadGeneration: Year - 1));
        Assert.True(schedule.HasEnded(RevealOption.XL, 0, includedHeadGeneration: Year));
    }

    [Fact]
    public void Each_year_has_its_own_key()
    {
        using var seed = MasterSeed.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        using var keys = new KeySchedule(seed);
        using var first = keys.EncryptionKey(RevealOption.XL, 0);
        using var second = keys.EncryptionKey(RevealOption.XL, 1);
        var a = new byte[RevealKey.Size];
        var b = new byte[RevealKey.Size];
        first.CopyTo(a);
        second.CopyTo(b);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(1_000_000UL)]
    [InlineData(2_628_001UL)]
    public void A_production_schedule_whose_XL_is_not_one_year_is_refused(ulong xl)
    {
        var schedule = RevealSchedule.Default with { XL = xl };
        Assert.Throws<ArgumentException>(() => YearlyRotation.RequireYearly(schedule));
    }

    [Property]
    public Property Every_rollup_of_a_year_is_revealed_by_the_first_rollup_of_the_next_and_not_before(ulong generation)
    {
        var schedule = RevealSchedule.Default;
        generation %= 10 * Year;
        var year = YearlyRotation.YearOf(schedule, generation);
        var revealedFrom = YearlyRotation.RevealedFrom(schedule, year);
        return (revealedFrom == (year + 1) * Year && generation < revealedFrom && revealedFrom - generation <= Year).ToProperty();
    }
}
