using Obscuro.Client.Errors;
using Obscuro.Client.Node;
using Obscuro.Client.Tests.Support;
using Obscuro.Grains;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Tests.Node;

/// <summary>
/// The client's Orleans connection against real silos: it reaches the node's public grains through the host silos'
/// gateways (resolving the enclave grain types, which only the gateways' manifests tell it), internal interfaces are
/// refused by the node's call filter, and it carries on through the other gateway when one host silo goes away.
/// </summary>
public sealed class GatewayConnectionTests : IAsyncLifetime
{
    private readonly NodeClusterFixture _node = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task The_client_reaches_public_grains_refused_internal_ones_and_survives_losing_a_gateway()
    {
        await using var connection = await NodeConnection.ConnectAsync(new NodeConnectionOptions(_node.Node) { CallRetryWindow = TimeSpan.FromSeconds(30) });

        var identity = await connection.GetEnclaveIdentityAsync();
        Assert.Equal(NodeClusterFixture.NodeId, identity.NodeId);
        Assert.Equal(Address.FromPublicKey(identity.PublicKey), Address.Parse(identity.Address));

        var refused = await Assert.ThrowsAsync<ClientCallRejectedException>(() => connection.Client.GetGrain<ISiloDirectoryGrain>(0).GetSilosAsync());
        Assert.Contains("ISiloDirectoryGrain", refused.Message, StringComparison.Ordinal);

        await _node.StopHostSiloAsync(0);
        var again = await connection.GetEnclaveIdentityAsync();
        Assert.Equal(identity.Address, again.Address);
    }

    [Fact]
    public async Task A_wrong_cluster_id_gets_no_connection_and_a_clear_error()
    {
        var wrong = _node.Node with { ClusterId = "another-cluster" };

        var error = await Assert.ThrowsAsync<NodeUnavailableException>(() =>
            NodeConnection.ConnectAsync(new NodeConnectionOptions(wrong) { ConnectTimeout = TimeSpan.FromSeconds(2) }));

        Assert.Contains(NodeClusterFixture.NodeId, error.Message, StringComparison.Ordinal);
        Assert.Contains("--node", error.Hint, StringComparison.Ordinal);
    }
}
