using Obscuro.Grains.Tests.Host.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A devnet whose one node (the genesis aggregator) runs in durable mode as two silos (<see cref="SplitNode"/>): Redis
/// for membership, grain state and reminders, started on a free port for the fixture. Anvil mines every second, as in
/// the default fixture. Shared by the restart tests through <see cref="SplitNodeDefinition"/>; each test uses its own accounts.
/// </summary>
public sealed class SplitNodeFixture() : DevnetFixture(new DevnetFixtureOptions { Nodes = [] })
{
    private RedisProcess? _redis;

    public SplitNode Node { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _redis = await RedisProcess.StartAsync();
        var genesis = DevnetFixtureNode.GenesisAggregator;
        var directory = Path.Combine(Root, "nodes", genesis.NodeId);
        Directory.CreateDirectory(directory);
        var spec = new DevnetNodeSpec(genesis.NodeId, genesis.IsAggregator, genesis.IsGenesisNode, genesis.OperatorAccount, FreePort(), FreePort(), directory, DeploymentFile);
        Node = new SplitNode(spec, _redis.ConnectionString, FreePort());
        await Node.StartAsync();
        await WaitUntilRunningAsync(Options.StartTimeout);
    }

    /// <summary>Until the node answers with its enclave provisioned and a rollup head (after a start or restart).</summary>
    public Task<Grains.Node.NodeStatus> WaitUntilRunningAsync(TimeSpan timeout) =>
        Poll.UntilAsync(() => Node.Api.GetStatusAsync(), s => s.Enclave is { Provisioned: true } && s.HeadRollup != Hash256.Zero, "the split node provisioned, with a rollup head", timeout);

    public override async Task DisposeAsync()
    {
        if (Node is not null) await Node.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SplitNodeDefinition : ICollectionFixture<SplitNodeFixture>
{
    public const string Name = "Durable node as two silos";
}
