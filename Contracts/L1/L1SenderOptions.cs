namespace Obscuro.Contracts.L1;

/// <summary>How an <see cref="L1Sender"/> prices, waits and retries.</summary>
public sealed record L1SenderOptions
{
    /// <summary>Blocks on top of the inclusion block before a transaction counts as done (1 = included).</summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>How often to look for the receipt.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Blocks to wait for inclusion before re-sending with higher fees.</summary>
    public int BlocksBeforeFeeBump { get; init; } = 3;

    /// <summary>Percentage added to both fees per replacement (nodes require at least 10%).</summary>
    public int FeeBumpPercent { get; init; } = 25;

    /// <summary>Replacements before giving up (the last one keeps being waited for until <see cref="Timeout"/>).</summary>
    public int MaxFeeBumps { get; init; } = 5;

    /// <summary>Overall bound on one send, from signing to confirmations.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Estimated gas is multiplied by this (percent) for headroom.</summary>
    public int GasLimitMarginPercent { get; init; } = 125;

    /// <summary>The priority fee when fee history has no rewards (an idle chain), in wei.</summary>
    public ulong MinimumPriorityFee { get; init; } = 1_000_000_000;
}
