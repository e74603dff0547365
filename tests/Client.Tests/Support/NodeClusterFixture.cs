using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Obscuro.Client.Configuration;
using Obscuro.Silo;

namespace Obscuro.Client.Tests.Support;

/// <summary>
/// One node's silos, each a host built like the silo executable (<see cref="ObscuroSiloBuilderExtensions.UseObscuroClustering"/>
/// and <see cref="ObscuroSiloBuilderExtensions.UseObscuroSilo"/>, configured by the keys an operator sets) on real TCP
/// ports: an enclave silo with a simulated TEE (no gateway, as in production) and two host silos with gateways. The
/// test harness cluster is not used because its transport is in-memory, and a wallet connects over TCP.
/// </summary>
public sealed class NodeClusterFixture : IAsyncLifetime
{
    public const string NodeId = "client-test-node";
    public const string ClusterId = "client-tests";
    public const string ServiceId = "obscuro-client-tests";

    private readonly string _root = Directory.CreateTempSubdirectory("obscuro-client-cluster-").FullName;
    private readonly List<IHost> _silos = [];

    /// <summary>The node as a wallet sees it: its id, cluster and service ids, and the host silos' gateways.</summary>
    public NodeEndpoint Node { get; private set; } = null!;

    public IReadOnlyList<IHost> HostSilos => _silos.Skip(1).ToList();

    public async Task InitializeAsync()
    {
        var primaryPort = FreePort();
        var gateways = new List<GatewayAddress>();
        _silos.Add(await StartAsync("enclave", "simulated", primaryPort, primaryPort, 0));
        for (var i = 1; i <= 2; i++)
        {
            var gateway = FreePort();
            _silos.Add(await StartAsync("host", "none", FreePort(), primaryPort, gateway, i));
            gateways.Add(new GatewayAddress("127.0.0.1", gateway));
        }

        Node = new NodeEndpoint(NodeId, ClusterId, ServiceId, gateways);
    }

    /// <summary>Stops one host silo (its gateway goes away).</summary>
    public async Task StopHostSiloAsync(int index)
    {
        var silo = HostSilos[index];
        await silo.StopAsync();
        silo.Dispose();
        _silos.Remove(silo);
    }

    public async Task DisposeAsync()
    {
        // Host silos first, the primary (enclave) silo last: the others joined through it.
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await silo.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // A silo that does not stop in time is disposed anyway.
            }

            silo.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task<IHost> StartAsync(string role, string tee, int siloPort, int primaryPort, int gatewayPort, int index = 0)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Obscuro:NodeId"] = NodeId,
            ["Obscuro:Role"] = role,
            ["Obscuro:DataDirectory"] = Path.Combine(_root, role + index.ToString(CultureInfo.InvariantCulture)),
            ["Orleans:Metadata:tee"] = tee,
            ["Obscuro:Clustering:ClusterId"] = ClusterId,
            ["Obscuro:Clustering:ServiceId"] = ServiceId,
            ["Obscuro:Clustering:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Obscuro:Clustering:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Obscuro:Clustering:PrimarySiloPort"] = primaryPort.ToString(CultureInfo.InvariantCulture),
        });
        builder.UseOrleans(silo => silo.UseObscuroClustering().UseObscuroSilo());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
