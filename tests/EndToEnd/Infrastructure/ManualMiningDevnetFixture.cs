namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A devnet whose L1 mines only on demand: anvil mines a block per transaction (no block time) until a test turns
/// automine off with <see cref="AnvilControl.SetAutomineAsync"/>, after which nothing lands in a block until the test
/// mines one. One aggregator, no verifier.
/// </summary>
public sealed class ManualMiningDevnetFixture()
    : DevnetFixture(new DevnetFixtureOptions { BlockTimeSeconds = null, Nodes = [DevnetFixtureNode.GenesisAggregator] });
