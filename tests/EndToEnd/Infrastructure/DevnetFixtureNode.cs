namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>One node of a <see cref="DevnetFixture"/>: its id, kind and the anvil account its operator pays from.</summary>
public sealed record DevnetFixtureNode(string NodeId, bool IsAggregator, bool IsGenesisNode, int OperatorAccount)
{
    public static DevnetFixtureNode GenesisAggregator { get; } = new("aggregator-1", true, true, 1);

    public static DevnetFixtureNode Verifier { get; } = new("verifier-1", false, false, 3);
}
