namespace Obscuro.Client;

/// <summary>How long and how often the client polls while it waits for L1.</summary>
public sealed record WaitOptions
{
    /// <summary>Deadline for an L2 transaction to appear in a rollup on L1.</summary>
    public TimeSpan InclusionTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Deadline for a withdrawal to become payable on L1 (the bridge's delay is N L1 blocks).</summary>
    public TimeSpan PayableTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Time between two polls.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
