using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Obscuro.Grains.Node;
using Obscuro.Silo;
using Obscuro.Silo.Devnet;

namespace Obscuro.Benchmarks;

/// <summary>
/// One devnet node in the harness process, started like <see cref="DevnetNode"/> (same configuration, same silo wiring:
/// a single silo with host and enclave roles and a simulated TEE, memory storage) plus a client on its gateway, with
/// two differences a benchmark needs: configuration overrides (e.g. the rollup size), and the silo's own grain factory
/// for in-process calls to internal grains (the call filter lets the silo's hosted client through).
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private readonly IHost _silo;
    private readonly IHost _client;

    private BenchNode(DevnetNodeSpec spec, IHost silo, IHost client)
    {
        Spec = spec;
        _silo = silo;
        _client = client;
    }

    public DevnetNodeSpec Spec { get; }

    /// <summary>The public API through the gateway, as a wallet reaches it.</summary>
    public INodeApiGrain Api => _client.Services.GetRequiredService<IClusterClient>().GetGrain<INodeApiGrain>(Spec.NodeId);

    /// <summary>Grains called from inside the silo (not through the gateway).</summary>
    public IGrainFactory SiloGrains => _silo.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchNode> StartAsync(string nodeId, int operatorAccount, string dataDirectory, string deploymentFile, IReadOnlyDictionary<string, string?> overrides)
    {
        var spec = new DevnetNodeSpec(nodeId, IsAggregator: true, IsGenesisNode: true, operatorAccount, FreePort(), FreePort(), dataDirectory, deploymentFile);
        var configuration = DevnetNode.Configuration(spec);
        foreach (var (key, value) in overrides)
        {
            configuration[key] = value;
        }

        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        siloBuilder.Configuration.AddInMemoryCollection(configuration);
        siloBuilder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(dataDirectory, "silo.log"), LogLevel.Information));
        siloBuilder.UseOrleans(silo => silo.UseObscuroClustering().UseObscuroSilo());
        var silo = siloBuilder.Build();
        await silo.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        clientBuilder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(dataDirectory, "client.log"), LogLevel.Warning));
        clientBuilder.UseOrleansClient(client => client
            .UseLocalhostClustering(spec.GatewayPort, $"obscuro-{spec.NodeId}", $"obscuro-devnet-{spec.NodeId}")
            .Configure<Orleans.Configuration.TypeManagementOptions>(types => types.TypeMapRefreshInterval = TimeSpan.FromSeconds(1)));
        var client = clientBuilder.Build();
        await client.StartAsync();
        return new BenchNode(spec, silo, client);
    }

    /// <summary>Polls the node's status (in-process) until <paramref name="condition"/> holds.</summary>
    public async Task<NodeStatus> WaitForStatusAsync(Func<NodeStatus, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        NodeStatus? last = null;
        while (true)
        {
            try
            {
                last = await SiloGrains.GetGrain<INodeApiGrain>(Spec.NodeId).GetStatusAsync();
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // Still starting.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The node did not reach '{what}' in {timeout}; last status: {last}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await _silo.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ungraceful stop is fine for a benchmark.
            }
        }

        _silo.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
