using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// The real publisher with the real enclave: once an L1 reorg removed a rollup it published, it publishes on that
/// parent again (here the very same rollup, whose parent proof and dependency survived), instead of taking the
/// removed publication for done.
/// </summary>
[Collection(EnclaveNetworkDefinition.Name)]
public sealed class PublisherReorgTests(EnclaveNetworkFixture fixture)
{
    [Fact]
    public async Task A_rollup_an_L1_reorg_removed_is_published_again()
    {
        var network = await TestNetwork.DeployAsync(fixture, "republish");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var publisher = a.Cluster.Grains.GetGrain<IPublisherGrain>(a.NodeId);
        await publisher.ConfigureAsync(a.Settings);
        var rollups = ManagementContracts.Bind(network.Contracts.Addresses, fixture.Rpc).RollupManagement;

        var genesis = await PublishAndSyncAsync(publisher, a);
        var child = await PublishAndSyncAsync(publisher, a);
        Assert.Equal(1UL, (await a.Enclave.GetStatusAsync()).HeadGeneration);

        // The L1 drops the block with the child's publication; the enclave's head is the genesis again.
        await fixture.Rpc.ReorgAsync(1);
        Assert.False(await rollups.IsPublishedAsync(child.RollupHash!.Value));
        await a.SyncAsync();
        Assert.Equal(genesis.RollupHash, (await a.Enclave.GetStatusAsync()).HeadRollup);

        var again = await publisher.PublishCandidateAsync();
        Assert.True(again.NotPublishedReason is null, again.NotPublishedReason);
        Assert.Equal(child.RollupHash, again.RollupHash);
        Assert.NotEqual(child.L1Transaction, again.L1Transaction);
        Assert.True(await rollups.IsPublishedAsync(child.RollupHash.Value));

        // Only once: asked again before the node ingests it, the publication on L1 is reported as done.
        var repeat = await publisher.PublishCandidateAsync();
        Assert.Equal((again.L1Transaction, "Already published."), (repeat.L1Transaction, repeat.NotPublishedReason));
        await a.SyncAsync();
        Assert.Equal(child.RollupHash, (await a.Enclave.GetStatusAsync()).HeadRollup);
    }

    private static async Task<PublicationReport> PublishAndSyncAsync(IPublisherGrain publisher, NodeHost node)
    {
        var report = await publisher.PublishCandidateAsync();
        Assert.True(report.NotPublishedReason is null, report.NotPublishedReason);
        Assert.NotNull(report.L1Transaction);
        await node.SyncAsync();
        return report;
    }
}
