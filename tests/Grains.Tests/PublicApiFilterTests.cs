using Microsoft.Extensions.DependencyInjection;
using Obscuro.Silo.Security;

namespace Obscuro.Grains.Tests;

[Collection(SharedClusterDefinition.Name)]
public sealed class PublicApiFilterTests(TeeClusterFixture fixture)
{
    [Fact]
    public async Task A_client_call_to_an_interface_without_PublicApi_is_rejected()
    {
        var directory = fixture.Client.GetGrain<ISiloDirectoryGrain>(0);

        var error = await Assert.ThrowsAsync<ClientCallRejectedException>(() => directory.GetSilosAsync());

        Assert.Contains(nameof(ISiloDirectoryGrain), error.Message, StringComparison.Ordinal);
        Assert.Contains("[PublicApi]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_cannot_reach_the_Orleans_management_grain()
    {
        var management = fixture.Client.GetGrain<IManagementGrain>(0);

        await Assert.ThrowsAsync<ClientCallRejectedException>(() => management.GetHosts(onlyActive: true));
    }

    [Fact]
    public async Task A_grain_may_call_the_internal_interface_that_a_client_may_not()
    {
        // NodeInfoGrain is public and calls ISiloDirectoryGrain, which the previous test shows a client cannot.
        var info = await fixture.Client.GetGrain<INodeInfoGrain>($"filter-{Guid.NewGuid():N}").GetNodeInfoAsync();

        Assert.Equal(2, info.HostSilos);
        Assert.Equal(1, info.EnclaveSilos);
    }

    [Fact]
    public async Task Code_inside_a_silo_may_call_the_internal_interface()
    {
        foreach (var silo in fixture.Cluster.GetActiveSilos())
        {
            var directory = silo.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ISiloDirectoryGrain>(0);

            var silos = await directory.GetSilosAsync();

            Assert.Equal(3, silos.Count);
        }
    }

    [Fact]
    public async Task A_client_may_call_a_public_enclave_interface()
    {
        var identity = await fixture.Client.GetGrain<IEnclaveIdentityGrain>($"filter-{Guid.NewGuid():N}").GetIdentityAsync();

        Assert.Equal(64, identity.PublicKey.Length);
    }

    [Fact]
    public void Callers_are_classified_by_the_type_of_their_sending_id()
    {
        Assert.True(PublicApiCallFilter.IsFromClient(GrainId.Create("sys.client", Guid.NewGuid().ToString("N"))));
        Assert.True(PublicApiCallFilter.IsFromClient(null));
        Assert.False(PublicApiCallFilter.IsFromClient(GrainId.Create("sys.client", "hosted-127.0.0.1:11111@1")));
        Assert.False(PublicApiCallFilter.IsFromClient(GrainId.Create("nodeinfo", "node-0")));
    }
}
