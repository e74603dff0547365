namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>What a <see cref="DevnetFixture"/> starts: by default anvil with 1-second blocks, one aggregator, one verifier.</summary>
public sealed record DevnetFixtureOptions
{
    /// <summary>Seconds between anvil blocks; null mines one block per transaction (tests then drive mining).</summary>
    public int? BlockTimeSeconds { get; init; } = 1;

    /// <summary>Reveal interval lengths (in rollups) per option, XS to XL.</summary>
    public IReadOnlyList<ulong> RevealLengths { get; init; } = [1, 3, 6, 12, 24];

    /// <summary>How long the nodes may take to be provisioned and follow the genesis rollup.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public IReadOnlyList<DevnetFixtureNode> Nodes { get; init; } = [DevnetFixtureNode.GenesisAggregator, DevnetFixtureNode.Verifier];
}
