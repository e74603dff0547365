using Obscuro.Client.Errors;
using Obscuro.Client.L1;
using Obscuro.Client.Tests.Support;
using Obscuro.Contracts.Deployment;

namespace Obscuro.Client.Tests.L1;

[Collection(SharedL1.Name)]
public sealed class NetworkKeyTests(L1Fixture fixture)
{
    [Fact]
    public async Task The_network_key_is_read_from_network_management_on_l1()
    {
        var l1 = new L1Network(fixture.Deployment, fixture.Rpc);

        await l1.CheckChainAsync();
        var key = await l1.GetNetworkPublicKeyAsync();

        Assert.Equal(fixture.Network.NetworkKey.PublicKey.ToArray(), key);
    }

    [Fact]
    public async Task Before_the_network_is_initialised_there_is_no_key_and_the_client_says_so()
    {
        using var governance = fixture.Sender(fixture.Governance);
        var fresh = await ManagementContractsDeployer.DeployAsync(governance, fixture.Rpc, L1Fixture.Parameters with { TestToken = null });
        var l1 = new L1Network(fixture.Deployment with { NetworkManagement = fresh.Addresses.NetworkManagement, RollupManagement = fresh.Addresses.RollupManagement, Bridge = fresh.Addresses.Bridge }, fixture.Rpc);

        var error = await Assert.ThrowsAsync<NotReadyException>(() => l1.GetNetworkPublicKeyAsync());
        Assert.Contains("not initialised", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_file_for_another_chain_is_refused()
    {
        var other = fixture.Deployment with { L1ChainId = 1 };
        var error = await Assert.ThrowsAsync<NotReadyException>(() => new L1Network(other, fixture.Rpc).CheckChainAsync());
        Assert.Contains("chain 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registered_enclaves_are_those_provisioned_on_l1()
    {
        var l1 = new L1Network(fixture.Deployment, fixture.Rpc);

        Assert.Null(await l1.CheckEnclaveAsync(fixture.EnclaveA.Address));
        Assert.Contains("not provisioned", await l1.CheckEnclaveAsync(fixture.EnclaveB.Address), StringComparison.Ordinal);
        Assert.Contains("not registered", await l1.CheckEnclaveAsync(fixture.Stranger.Address), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_measurement_on_l1_revokes_the_enclave_for_the_client()
    {
        var l1 = new L1Network(fixture.Deployment, fixture.Rpc) { EnclaveTrustCacheDuration = TimeSpan.Zero };
        using var governance = fixture.Sender(fixture.Governance);
        var management = fixture.Contracts.NetworkManagement.WithSender(governance);
        await management.SetMeasurementAcceptedAsync(L1Fixture.Measurement, false);
        try
        {
            Assert.Contains("measurement", await l1.CheckEnclaveAsync(fixture.EnclaveA.Address), StringComparison.Ordinal);
        }
        finally
        {
            await management.SetMeasurementAcceptedAsync(L1Fixture.Measurement, true);
        }

        Assert.Null(await l1.CheckEnclaveAsync(fixture.EnclaveA.Address));
    }
}
