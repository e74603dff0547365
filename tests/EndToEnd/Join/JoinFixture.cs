using Obscuro.EndToEnd.Tests.Infrastructure;

namespace Obscuro.EndToEnd.Tests.Join;

/// <summary>A devnet with only its genesis aggregator running: the join tests add the other nodes themselves.</summary>
public sealed class JoinFixture() : DevnetFixture(new DevnetFixtureOptions
{
    Nodes = [DevnetFixtureNode.GenesisAggregator],
    StartTimeout = TimeSpan.FromSeconds(120),
});
