using Obscuro.Contracts.Deployment;
using Obscuro.Grains.Node;
using Obscuro.Grains.Tests.Host.StandIns;

namespace Obscuro.Grains.Tests.Host;

/// <summary>
/// The host side of one genesis aggregator end to end on anvil, with the stand-in enclave: start, registration and
/// network initialisation sent for the enclave, the genesis rollup produced, published by the operator and seen on L1,
/// recorded, its transactions dropped from the mempool. A deployment takes one genesis, so this is one test.
/// </summary>
[Collection(HostClusterDefinition.Name)]
public sealed class NodeFlowTests(HostClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_genesis_aggregator_registers_initialises_publishes_genesis_and_clears_what_it_included()
    {
        var nodeId = $"flow-{Guid.NewGuid():N}";
        var api = fixture.Client.GetGrain<INodeApiGrain>(nodeId);
        Assert.True((await api.SubmitTransactionAsync([1, 2, 3])).Accepted);
        Assert.True((await api.SubmitTransactionAsync([4, 5, 6])).Accepted);
        var settings = await fixture.SettingsAsync(isAggregator: true, isGenesisNode: true);
        var coordinator = fixture.Internal.GetGrain<INodeCoordinatorGrain>(nodeId);

        await coordinator.StartAsync(settings);
        await coordinator.StartAsync(settings);

        var status = await Poll.UntilAsync(() => api.GetStatusAsync(), s => s.RollupsPublished >= 1 && s.PendingTransactions == 0, Deadline, "published genesis");
        Assert.True(status.IsAggregator);
        Assert.Equal(2L, status.AdmittedTransactions);
        Assert.Equal(2L, status.IncludedTransactions);
        Assert.Equal(0UL, status.HeadGeneration);
        Assert.True(status.Enclave!.Provisioned);

        var contracts = ManagementContracts.Bind(fixture.Addresses, fixture.Rpc);
        Assert.Equal(status.HeadRollup, await contracts.RollupManagement.GenesisHashAsync());
        Assert.True(await contracts.NetworkManagement.IsActiveAggregatorAsync(status.Enclave.EnclaveAddress));
        var info = await contracts.RollupManagement.RollupAsync(status.HeadRollup);
        Assert.Equal(status.Enclave.EnclaveAddress, info.Aggregator);

        var record = await fixture.Internal.GetGrain<IRollupGrain>($"{nodeId}/{status.HeadRollup}").GetAsync();
        Assert.NotNull(record);
        Assert.Equal("canonical", record.Standing);
        Assert.Equal(info.PublishedAt, record.IncludedIn!.Number);
        Assert.True(record.ParentHash.IsZero);

        // Every block since the anchor reached the enclave once, in order, verified against its parent.
        var ingested = await fixture.Internal.GetGrain<IStandInEnclaveProbe>(nodeId).GetIngestedAsync();
        Assert.Equal(settings.Anchor, ingested[0]);
        for (var i = 1; i < ingested.Count; i++)
        {
            Assert.Equal(ingested[i - 1].Hash, ingested[i].ParentHash);
        }

        // Asked again (a second start, a restarted coordinator), nothing is published twice.
        var again = await fixture.Internal.GetGrain<IPublisherGrain>(nodeId).PublishCandidateAsync();
        Assert.NotNull(again.NotPublishedReason);
        Assert.Null(again.L1Transaction);
        Assert.Equal(1L, (await api.GetStatusAsync()).RollupsPublished);
    }

    [Fact]
    public async Task Calls_whose_work_is_already_done_on_L1_are_reported_not_retried()
    {
        var nodeId = $"calls-{Guid.NewGuid():N}";
        var settings = await fixture.SettingsAsync(isAggregator: false, isGenesisNode: false);
        var publisher = fixture.Internal.GetGrain<IPublisherGrain>(nodeId);
        await publisher.ConfigureAsync(settings);
        var contracts = ManagementContracts.Bind(fixture.Addresses, fixture.Rpc);
        var before = await contracts.NetworkManagement.NodeCountAsync();

        // Recording a recent block hash twice: the second call's work is done (the contract accepts it again), and a
        // call to a function that does not exist is refused; neither throws out of the publisher.
        var head = await fixture.HeadAsync();
        var record = Contracts.Bindings.RollupManagementContract.Abi.GetFunction("recordBlockHash").EncodeCall(head.Number);
        await publisher.SendCallsAsync([new L1Call(settings.RollupManagement, record, default, "recordBlockHash"), new L1Call(settings.NetworkManagement, [0xde, 0xad, 0xbe, 0xef], default, "nonsense")]);

        Assert.Equal(head.Hash, await contracts.RollupManagement.RecordedBlockHashesAsync(head.Number));
        Assert.Equal(before, await contracts.NetworkManagement.NodeCountAsync());
        var verifierReport = await publisher.PublishCandidateAsync();
        Assert.Contains("verifier", verifierReport.NotPublishedReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => publisher.ConfigureAsync(settings with { L2ChainId = 1 }));
    }
}
