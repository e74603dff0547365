namespace Obscuro.Protocol.Reveal;

/// <summary>
/// The first phase's revelation policy (spec "Privacy Revelation"): the key is rotated every year and the keys of past
/// years are revealed. Here the XL option is that rotation: its interval N is year N of the network, counted in
/// rollups from the genesis rollup (one per L1 block, never the wall clock), its key encrypts every XL group of that
/// year and nothing else, and it is released once the first rollup of year N + 1 is in an L1 block. So the schedule's XL
/// length must be exactly one year of rollups; anything longer would keep a key in use, or a year's transactions
/// secret, beyond the policy.
/// </summary>
public static class YearlyRotation
{
    /// <summary>Seconds in the policy's year (365 days; the rotation counts rollups, so leap days do not move it).</summary>
    public const ulong SecondsPerYear = 365UL * 24 * 3600;

    /// <summary>The spec's rollup cadence: one per L1 block, 12 seconds.</summary>
    public const ulong DefaultSecondsPerRollup = 12;

    /// <summary>Rollups in one year at the given cadence (2,628,000 at 12 s).</summary>
    public static ulong RollupsPerYear(ulong secondsPerRollup = DefaultSecondsPerRollup)
    {
        ArgumentOutOfRangeException.ThrowIfZero(secondsPerRollup);
        return SecondsPerYear / secondsPerRollup;
    }

    /// <summary>The year (0 = the genesis rollup's) a rollup belongs to: its XL interval.</summary>
    public static ulong YearOf(RevealSchedule schedule, ulong generation)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.IntervalOf(Crypto.RevealOption.XL, generation);
    }

    /// <summary>The generation whose inclusion on L1 reveals year <paramref name="year"/>'s key: the first of the next year.</summary>
    public static ulong RevealedFrom(RevealSchedule schedule, ulong year)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.FirstGenerationAfter(Crypto.RevealOption.XL, year);
    }

    /// <summary>Refuses a production schedule whose XL interval is not one year of rollups at <paramref name="secondsPerRollup"/>.</summary>
    /// <exception cref="ArgumentException">XL is not a year long.</exception>
    public static void RequireYearly(RevealSchedule schedule, ulong secondsPerRollup = DefaultSecondsPerRollup)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var year = RollupsPerYear(secondsPerRollup);
        if (schedule.XL != year)
        {
            throw new ArgumentException($"The first-phase policy rotates and reveals the XL key yearly: XL must be {year} rollups at {secondsPerRollup} s per rollup, not {schedule.XL}.", nameof(schedule));
        }
    }
}
