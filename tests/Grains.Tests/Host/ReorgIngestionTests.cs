using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Grains.Tests.Host.StandIns;

namespace Obscuro.Grains.Tests.Host;

/// <summary>
/// The coordinator's block loop across an L1 reorg that outruns the enclave: the watcher published blocks the enclave
/// had not yet taken when anvil replaced them. The L1 node no longer serves those blocks, so retrying them can never
/// succeed; the node must move on to the new branch the watcher publishes instead of retrying the old block forever.
/// </summary>
[Collection(HostClusterDefinition.Name)]
public sealed class ReorgIngestionTests(HostClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Blocks_a_reorg_removed_before_the_enclave_took_them_are_dropped_and_the_new_branch_is_ingested()
    {
        var nodeId = $"reorg-ingest-{Guid.NewGuid():N}";
        var settings = await fixture.SettingsAsync(isAggregator: false, isGenesisNode: false);
        var probe = fixture.Internal.GetGrain<IStandInEnclaveProbe>(nodeId);
        var watcher = fixture.Internal.GetGrain<IL1WatcherGrain>(nodeId);
        await fixture.Internal.GetGrain<INodeCoordinatorGrain>(nodeId).StartAsync(settings);
        var start = await fixture.HeadAsync();
        await Poll.UntilAsync(() => probe.GetIngestedAsync(), ingested => ingested[^1].Hash == start.Hash, Deadline, "caught up with L1");

        // The enclave takes nothing while L1 mines two blocks (the watcher publishes them) and then replaces both.
        await probe.HoldIngestionAsync(true);
        await fixture.Rpc.MineAsync(2);
        var removed = await Poll.UntilAsync(() => watcher.GetHeadAsync(), head => head!.Number == start.Number + 2, Deadline, "the two blocks published");
        await fixture.Rpc.ReorgAsync(2);
        var tip = await fixture.HeadAsync();
        Assert.NotEqual(removed!.Hash, tip.Hash);
        await Poll.UntilAsync(() => watcher.GetHeadAsync(), head => head!.Hash == tip.Hash, Deadline, "the new branch published");
        Assert.Null(await fixture.Rpc.GetBlockByHashAsync(removed.Hash));

        // Released, the enclave is offered the removed blocks first; they cannot be fetched, and the node goes on with the new branch.
        await probe.HoldIngestionAsync(false);
        var ingested = await Poll.UntilAsync(() => probe.GetIngestedAsync(), blocks => blocks[^1].Hash == tip.Hash, Deadline, "on the new branch");
        Assert.Equal(start, ingested[^3]);
        Assert.Equal(start.Hash, ingested[^2].ParentHash);
        Assert.Equal(ingested[^2].Hash, tip.ParentHash);
        var status = await fixture.Client.GetGrain<INodeApiGrain>(nodeId).GetStatusAsync();
        Assert.Equal(tip, status.Enclave!.LastIngested);
    }
}
