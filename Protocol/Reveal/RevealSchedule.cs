using Obscuro.Protocol.Crypto;

namespace Obscuro.Protocol.Reveal;

/// <summary>
/// How long each reveal option keeps its transactions secret, counted in rollups (one per L1 block, about 12 s), never
/// in wall-clock time, so every node agrees. A rollup of generation g belongs to interval ⌊g / length⌋ of each option;
/// that interval ends, and its key may be released, once a rollup of the next interval is included in an L1 block.
/// XL's interval is a year of rollups: the first phase's yearly key rotation and revelation (spec "Privacy
/// Revelation").
/// </summary>
public sealed record RevealSchedule(ulong XS, ulong S, ulong M, ulong L, ulong XL)
{
    /// <summary>The spec's options at 12-second rollups: 1 rollup, 1 hour, 1 day, 30 days, 365 days.</summary>
    public static RevealSchedule Default { get; } = new(1, 300, 7_200, 216_000, 2_628_000);

    public ulong LengthOf(RevealOption option) => option switch
    {
        RevealOption.XS => XS,
        RevealOption.S => S,
        RevealOption.M => M,
        RevealOption.L => L,
        RevealOption.XL => XL,
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "Unknown reveal option."),
    };

    /// <summary>Rejects zero lengths and lengths that do not grow with the option (a longer option must not reveal sooner).</summary>
    public void Validate()
    {
        if (XS == 0 || S < XS || M < S || L < M || XL < L)
        {
            throw new ArgumentException($"Reveal interval lengths must be positive and non-decreasing from XS to XL (got {XS}, {S}, {M}, {L}, {XL}).");
        }
    }

    public ulong IntervalOf(RevealOption option, ulong generation) => generation / LengthOf(option);

    /// <summary>First generation of the interval after <paramref name="interval"/>: once a rollup of it is L1-included, the key is released.</summary>
    public ulong FirstGenerationAfter(RevealOption option, ulong interval) => checked((interval + 1) * LengthOf(option));

    /// <summary>Generations [first, last] making up an interval.</summary>
    public (ulong First, ulong Last) GenerationsOf(RevealOption option, ulong interval)
    {
        var length = LengthOf(option);
        var first = checked(interval * length);
        return (first, first + length - 1);
    }

    /// <summary>True once the L1-included canonical chain has reached the next interval.</summary>
    public bool HasEnded(RevealOption option, ulong interval, ulong includedHeadGeneration) =>
        includedHeadGeneration >= FirstGenerationAfter(option, interval);
}
