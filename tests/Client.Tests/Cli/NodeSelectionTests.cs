using System.Net;
using System.Net.Sockets;
using Obscuro.Client.Configuration;
using Obscuro.Client.Tests.Support;
using Obscuro.Contracts.Deployment;

namespace Obscuro.Client.Tests.Cli;

/// <summary>
/// Which node the CLI talks to: the running devnet's first aggregator from the <c>nodes.json</c> beside the deployment
/// file, a listed node by <c>--node &lt;id&gt;</c>, or explicit gateways. Nothing listens on the listed gateways, so
/// each choice shows in the "unavailable" error that names the node it tried.
/// </summary>
public sealed class NodeSelectionTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly int _aggregatorPort = UnusedPort();
    private readonly int _verifierPort = UnusedPort();

    public NodeSelectionTests()
    {
        new NetworkDeployment(31337, "http://127.0.0.1:9/", 443, default, default, default, null, 0, default, default, [1, 2, 3, 4, 5], default, default)
            .Save(_directory.Combine(".devnet", "deployment.json"));
        NodesFile.Write(_directory.Combine(".devnet", NodesFile.FileName),
        [
            new NodeListing("verifier-1", NodeListing.VerifierRole, false, "obscuro-devnet-verifier-1", "obscuro-verifier-1", [new GatewayAddress("127.0.0.1", _verifierPort)]),
            new NodeListing("aggregator-1", NodeListing.AggregatorRole, true, "obscuro-devnet-aggregator-1", "obscuro-aggregator-1", [new GatewayAddress("127.0.0.1", _aggregatorPort)]),
        ]);
    }

    [Fact]
    public void The_listing_round_trips_and_defaults_to_the_first_aggregator()
    {
        var nodes = NodesFile.Read(_directory.Combine(".devnet", NodesFile.FileName));

        Assert.Equal(["verifier-1", "aggregator-1"], nodes.Select(n => n.Id));
        Assert.True(nodes[1].IsGenesis);
        Assert.Equal("aggregator-1", NodesFile.Select(nodes, null).Id);
        var verifier = NodesFile.Select(nodes, "Verifier-1").ToEndpoint();
        Assert.Equal(("verifier-1", "obscuro-devnet-verifier-1", "obscuro-verifier-1"), (verifier.Id, verifier.ClusterId, verifier.ServiceId));
        Assert.Equal([new GatewayAddress("127.0.0.1", _verifierPort)], verifier.Gateways);
    }

    [Fact]
    public async Task Without_node_the_cli_uses_the_devnets_first_aggregator()
    {
        var result = await Cli().RunAsync("node", "--connect-timeout", "1");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("Node 'aggregator-1'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{_aggregatorPort}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_by_id_picks_that_node_from_the_listing()
    {
        var result = await Cli().RunAsync("node", "--node", "verifier-1", "--connect-timeout", "1");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("Node 'verifier-1'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{_verifierPort}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_gateways_still_work_and_take_the_ids_of_the_listed_node_there()
    {
        var result = await Cli().RunAsync("node", "--node", $"127.0.0.1:{_verifierPort}", "--connect-timeout", "1");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("Node 'verifier-1'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_node_id_is_a_usage_error_listing_the_known_ones()
    {
        var result = await Cli().RunAsync("node", "--node", "aggregator-9", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("aggregator-9", result.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("verifier-1, aggregator-1", result.Json["error"]!["hint"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    // Found from the working directory, like the deployment file: the CLI is run inside the repository.
    private CliHarness Cli() => new() { WorkingDirectory = _directory.Path };

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
