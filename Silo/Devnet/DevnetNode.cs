using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Obscuro.Client.Node;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// A devnet node running in this process: a silo configured exactly as an operator would configure one (the same keys,
/// the same <see cref="ObscuroSiloBuilderExtensions.UseObscuroSilo"/> wiring), plus a client on its gateway for status.
/// </summary>
public sealed class DevnetNode : IAsyncDisposable
{
    private readonly IHost _silo;
    private readonly IHost _client;

    private DevnetNode(DevnetNodeSpec spec, IHost silo, IHost client)
    {
        Spec = spec;
        _silo = silo;
        _client = client;
    }

    public DevnetNodeSpec Spec { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public INodeApiGrain Api => Client.GetGrain<INodeApiGrain>(Spec.NodeId);

    public static Dictionary<string, string?> Configuration(DevnetNodeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var ether = new UInt256(1_000_000_000_000_000_000UL);
        return new()
        {
            ["Obscuro:NodeId"] = spec.NodeId,
            ["Obscuro:Role"] = "both",
            ["Orleans:Metadata:tee"] = "simulated",
            ["Obscuro:DataDirectory"] = spec.DataDirectory,
            ["Obscuro:Clustering:ClusterId"] = spec.ClusterId,
            ["Obscuro:Clustering:ServiceId"] = spec.ServiceId,
            ["Obscuro:Clustering:SiloPort"] = spec.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Obscuro:Clustering:PrimarySiloPort"] = spec.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Obscuro:Clustering:GatewayPort"] = spec.GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Obscuro:Network:DeploymentFile"] = spec.DeploymentFile,
            ["Obscuro:Operator:PrivateKey"] = Hex.Encode(DevnetAccounts.PrivateKey(spec.OperatorAccount)),
            ["Obscuro:Node:Type"] = spec.IsAggregator ? "aggregator" : "verifier",
            ["Obscuro:Node:GenesisNode"] = spec.IsGenesisNode ? "true" : "false",
            ["Obscuro:Node:PollIntervalMilliseconds"] = "200",

            // A devnet restarts enclaves often; 0.1 s of start-up delay instead of production's 10 s keeps the demo brisk
            // while still exercising the code path. (Production never lowers it: the delay is what stops nonce fishing.)
            ["Obscuro:Enclave:StartupDelayIterations"] = "400000",
            // No attestation token configured: the enclave asks the simulated authority the deployment file names for one
            // binding its key; the measurement and authority registered default to the deployment's.
            ["Obscuro:Node:Registration:Endpoint"] = spec.IsAggregator ? $"http://127.0.0.1:{spec.EffectiveGossipPort}" : string.Empty,
            ["Obscuro:Node:Registration:Stake"] = spec.IsAggregator ? ether.ToString() : "0",
            ["Obscuro:Node:Registration:Fee"] = (ether / new UInt256(100)).ToString(),

            // Rounds: wait up to a second for the other aggregators' candidates; a silent winner is replaced after one L1 block.
            ["Obscuro:Node:Round:GossipWindow"] = "00:00:01",
            ["Obscuro:Node:Round:PublicationTimeoutBlocks"] = "1",
        };
    }

    public static Task<DevnetNode> StartAsync(DevnetNodeSpec spec, CancellationToken cancellationToken = default) =>
        StartAsync(spec, null, cancellationToken);

    /// <param name="overrides">Configuration laid over <see cref="Configuration"/> (e.g. a faster L1 poll in tests, Redis storage, a misbehaving round option).</param>
    public static async Task<DevnetNode> StartAsync(DevnetNodeSpec spec, IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        var configuration = Configuration(spec);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        siloBuilder.Configuration.AddInMemoryCollection(configuration);
        siloBuilder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        siloBuilder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(spec.DataDirectory, "silo.log"), LogLevel.Information));
        siloBuilder.UseOrleans(silo => silo.UseObscuroClustering().UseObscuroSilo());
        var silo = siloBuilder.Build();
        await silo.StartAsync(cancellationToken).ConfigureAwait(false);

        var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        clientBuilder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        clientBuilder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(spec.DataDirectory, "client.log"), LogLevel.Warning));
        clientBuilder.UseOrleansClient(client => client
            .UseLocalhostClustering(spec.GatewayPort, spec.ServiceId, spec.ClusterId)
            .Configure<Orleans.Configuration.TypeManagementOptions>(types => types.TypeMapRefreshInterval = TimeSpan.FromSeconds(1)));
        var client = clientBuilder.Build();
        await client.StartAsync(cancellationToken).ConfigureAwait(false);
        return new DevnetNode(spec, silo, client);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync().ConfigureAwait(false);
        _client.Dispose();
        await _silo.StopAsync().ConfigureAwait(false);
        _silo.Dispose();
    }
}
