using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Obscuro.Client.Configuration;
using Obscuro.Grains.Node;
using Obscuro.Silo;
using Obscuro.Silo.Devnet;
using Orleans.Configuration;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One node as production runs it in durable mode: an enclave silo (simulated TEE, no gateway) and a host silo (no TEE,
/// the client gateway, the L1 endpoint and operator key), each a host built like the silo executable, in one cluster
/// whose membership, grain state and reminders are in Redis. Either silo can be killed (stopped without a graceful
/// shutdown: its activations and in-memory state vanish) and started again on the same ports, data directory (so the
/// same simulated TEE key) and Redis, as an operator's supervisor would restart a crashed process.
/// </summary>
public sealed class SplitNode : IAsyncDisposable
{
    private readonly DevnetNodeSpec _spec;
    private readonly string _redis;
    private readonly int _enclaveSiloPort;
    private IHost? _enclaveSilo;
    private IHost? _hostSilo;
    private IHost? _client;

    public SplitNode(DevnetNodeSpec spec, string redisConnection, int enclaveSiloPort)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _redis = redisConnection;
        _enclaveSiloPort = enclaveSiloPort;
    }

    public DevnetNodeSpec Spec => _spec;

    /// <summary>How a wallet reaches the node: the host silo's gateway.</summary>
    public NodeEndpoint Endpoint => new(_spec.NodeId, ClusterId, ServiceId, [new GatewayAddress("127.0.0.1", _spec.GatewayPort)]);

    /// <summary>The node's public API through the host silo's gateway (a client made when the host silo started).</summary>
    public INodeApiGrain Api => (_client ?? throw new InvalidOperationException("The host silo is not running.")).Services.GetRequiredService<IClusterClient>().GetGrain<INodeApiGrain>(_spec.NodeId);

    private string ClusterId => $"obscuro-devnet-{_spec.NodeId}";

    private string ServiceId => $"obscuro-{_spec.NodeId}";

    public async Task StartAsync()
    {
        await StartEnclaveSiloAsync();
        await StartHostSiloAsync();
    }

    public async Task StartEnclaveSiloAsync()
    {
        if (_enclaveSilo is not null) throw new InvalidOperationException("The enclave silo is running.");
        _enclaveSilo = await StartSiloAsync("enclave", EnclaveConfiguration());
    }

    public async Task StartHostSiloAsync()
    {
        if (_hostSilo is not null) throw new InvalidOperationException("The host silo is running.");
        _hostSilo = await StartSiloAsync("host", HostConfiguration());
        var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        clientBuilder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(_spec.DataDirectory, "client.log"), LogLevel.Warning));
        clientBuilder.UseOrleansClient(client => client
            .UseLocalhostClustering(_spec.GatewayPort, ServiceId, ClusterId)
            .Configure<TypeManagementOptions>(types => types.TypeMapRefreshInterval = TimeSpan.FromSeconds(1)));
        _client = clientBuilder.Build();
        await _client.StartAsync();
    }

    /// <summary>Kills the enclave silo: the lifecycle stops with its token already cancelled (what the Orleans test harness calls a kill), nothing deactivates gracefully.</summary>
    public async Task KillEnclaveSiloAsync()
    {
        var silo = _enclaveSilo ?? throw new InvalidOperationException("The enclave silo is not running.");
        _enclaveSilo = null;
        await silo.StopAsync(new CancellationToken(canceled: true));
        silo.Dispose();
    }

    /// <summary>Stops the whole cluster (host silo and its client first, then the enclave silo), gracefully; Redis keeps everything.</summary>
    public async Task StopAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
            _client = null;
        }

        foreach (var silo in new[] { _hostSilo, _enclaveSilo })
        {
            if (silo is null) continue;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
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

        (_hostSilo, _enclaveSilo) = (null, null);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<IHost> StartSiloAsync(string name, Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(_spec.DataDirectory, $"{name}-silo.log"), LogLevel.Information));
        builder.UseOrleans(silo =>
        {
            silo.UseObscuroClustering().UseObscuroSilo();

            // Test timing only: a killed silo is declared dead within seconds, not the production default's tens of seconds.
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private Dictionary<string, string?> HostConfiguration()
    {
        // The devnet node's configuration (operator, deployment, registration, poll interval), as a host-only silo.
        var configuration = DevnetNode.Configuration(_spec);
        configuration.Remove("Obscuro:Enclave:StartupDelayIterations");
        configuration["Obscuro:Role"] = "host";
        configuration["Orleans:Metadata:tee"] = "none";
        configuration["Obscuro:DataDirectory"] = Path.Combine(_spec.DataDirectory, "host");
        Durable(configuration, _spec.SiloPort, _spec.GatewayPort);
        return configuration;
    }

    private Dictionary<string, string?> EnclaveConfiguration()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Obscuro:NodeId"] = _spec.NodeId,
            ["Obscuro:Role"] = "enclave",
            ["Orleans:Metadata:tee"] = "simulated",
            ["Obscuro:DataDirectory"] = Path.Combine(_spec.DataDirectory, "enclave"),
            ["Obscuro:Enclave:StartupDelayIterations"] = DevnetNode.Configuration(_spec)["Obscuro:Enclave:StartupDelayIterations"],

            // The enclave silo reads no deployment file, so it is told where its simulated TEE attests: the devnet's authority.
            ["Obscuro:Simulated:AttestationAuthority"] = Contracts.Deployment.NetworkDeployment.Load(_spec.DeploymentFile).AttestationAuthority,
        };
        Durable(configuration, _enclaveSiloPort, 0);
        return configuration;
    }

    private void Durable(Dictionary<string, string?> configuration, int siloPort, int gatewayPort)
    {
        configuration["Obscuro:Storage:Provider"] = "redis";
        configuration["Obscuro:Storage:Redis"] = _redis;
        configuration["Obscuro:Clustering:Provider"] = "redis";
        configuration["Obscuro:Clustering:ClusterId"] = ClusterId;
        configuration["Obscuro:Clustering:ServiceId"] = ServiceId;
        configuration["Obscuro:Clustering:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        configuration["Obscuro:Clustering:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        configuration.Remove("Obscuro:Clustering:PrimarySiloPort");
    }
}
