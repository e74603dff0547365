using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Obscuro.Grains.Node;
using Obscuro.Silo;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Join;

/// <summary>
/// A devnet node started like <see cref="DevnetNode"/> (the same configuration, the same production wiring) with some
/// configuration changed: how the join tests give one node another attestation authority, another launch measurement or
/// a token of the test's making, as a dishonest or misconfigured operator would.
/// </summary>
public sealed class AttestedNode : IAsyncDisposable
{
    private readonly IHost _silo;
    private readonly IHost _client;

    private AttestedNode(DevnetNodeSpec spec, IHost silo, IHost client)
    {
        Spec = spec;
        _silo = silo;
        _client = client;
    }

    public DevnetNodeSpec Spec { get; }

    public INodeApiGrain Api => _client.Services.GetRequiredService<IClusterClient>().GetGrain<INodeApiGrain>(Spec.NodeId);

    /// <summary>The silo's log file (Information and above), where a responder records the seeds it withholds.</summary>
    public string LogFile => Path.Combine(Spec.DataDirectory, "silo.log");

    public static async Task<AttestedNode> StartAsync(DevnetNodeSpec spec, IReadOnlyDictionary<string, string?> overrides)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(overrides);
        var configuration = DevnetNode.Configuration(spec);
        foreach (var (key, value) in overrides)
        {
            configuration[key] = value;
        }

        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        siloBuilder.Configuration.AddInMemoryCollection(configuration);
        siloBuilder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(spec.DataDirectory, "silo.log"), LogLevel.Information));
        siloBuilder.UseOrleans(silo => silo.UseObscuroClustering().UseObscuroSilo());
        var silo = siloBuilder.Build();
        await silo.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        clientBuilder.UseOrleansClient(client => client
            .UseLocalhostClustering(spec.GatewayPort, $"obscuro-{spec.NodeId}", $"obscuro-devnet-{spec.NodeId}")
            .Configure<Orleans.Configuration.TypeManagementOptions>(types => types.TypeMapRefreshInterval = TimeSpan.FromSeconds(1)));
        var client = clientBuilder.Build();
        await client.StartAsync();
        return new AttestedNode(spec, silo, client);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _silo.StopAsync();
        _silo.Dispose();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Spec.NodeId} (operator account {Spec.OperatorAccount})");
}
