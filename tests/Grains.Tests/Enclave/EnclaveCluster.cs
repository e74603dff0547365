using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Tee;
using Obscuro.Grains.Tests.Host.StandIns;
using Obscuro.Grains.Vault;
using Obscuro.Silo;
using Obscuro.Silo.Security;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// One node's Orleans cluster with the production wiring: an enclave silo (simulated TEE, so one enclave key) and a
/// host silo. A second node needs a second cluster, because its enclave needs its own key and every enclave grain of a
/// cluster lands on its one primary TEE silo. Tests call the node's internal grains from the host silo's grain factory
/// (code inside the node), since the public API filter refuses client calls to them. The host silo has an L1 endpoint
/// and no deployment file, so the host grains the enclave needs (the block source) run, but no node starts by itself.
/// </summary>
public sealed class EnclaveCluster : IAsyncDisposable
{
    private const string EnclaveSiloName = "Silo_0";

    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    private EnclaveCluster(InProcessTestCluster cluster)
    {
        Cluster = cluster;
    }

    public InProcessTestCluster Cluster { get; }

    public InProcessSiloHandle EnclaveSilo => Cluster.GetActiveSilos().Single(silo => silo.ServiceProvider.GetRequiredService<ITeeEnvironment>().Kind != TeeKind.None);

    public InProcessSiloHandle HostSilo => Cluster.GetActiveSilos().Single(silo => silo.ServiceProvider.GetRequiredService<ITeeEnvironment>().Kind == TeeKind.None);

    /// <summary>Grain calls as code running in the host silo makes them.</summary>
    public IGrainFactory Grains => HostSilo.ServiceProvider.GetRequiredService<IGrainFactory>();

    public ITeeEnvironment Tee => EnclaveSilo.ServiceProvider.GetRequiredService<ITeeEnvironment>();

    public EnclaveVault Vault => EnclaveSilo.ServiceProvider.GetRequiredService<EnclaveVault>();

    /// <param name="attestationAuthority">The issuer of the fixture's simulated attestation authority.</param>
    /// <param name="operatorKey">The node operator's key for the host silo (hex), so that its publisher can send; none when null.</param>
    public static async Task<EnclaveCluster> StartAsync(string name, string root, Uri l1Endpoint, string attestationAuthority, string? operatorKey = null)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Obscuro:NodeId"] = name,
            ["Obscuro:Role"] = options.SiloName == EnclaveSiloName ? "enclave" : "host",
            ["Obscuro:DataDirectory"] = Path.Combine(root, options.SiloName),
            ["Orleans:Metadata:tee"] = options.SiloName == EnclaveSiloName ? "simulated" : "none",

            // The enclave registers with a real token from the fixture's simulated authority, binding its key.
            ["Obscuro:Simulated:AttestationAuthority"] = options.SiloName == EnclaveSiloName ? attestationAuthority : null,

            // The host silo reaches the L1 (its block source serves the enclave); the enclave silo never does.
            ["Obscuro:L1:Endpoint"] = options.SiloName == EnclaveSiloName ? null : l1Endpoint.ToString(),
            ["Obscuro:Operator:PrivateKey"] = options.SiloName == EnclaveSiloName ? null : operatorKey,

            // A tiny start-up delay: only a simulated TEE may lower it, which is what the tests run.
            ["Obscuro:Enclave:StartupDelayIterations"] = "1000",

            // A short window, so a late verifier's catch-up crosses blocks the enclave no longer retains.
            ["Obscuro:Enclave:RetainedBlocks"] = "16",
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseObscuroSilo();

            // The host tests' stand-ins for the enclave grains live in this assembly too; these clusters run the real ones.
            silo.Services.PostConfigure<GrainTypeOptions>(grainTypes => grainTypes.Classes.RemoveWhere(grainClass => grainClass.Namespace == typeof(StandInGrains).Namespace));
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = ResponseTimeout);
            silo.Configure<PublicApiFilterOptions>(filter => filter.ClientSystemInterfaces.Add("Orleans.Runtime.TestHooks.ITestHooks"));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = ResponseTimeout));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var started = new EnclaveCluster(cluster);

        // The host silo learns the enclave silo's metadata shortly after it joins; until then nothing enclave-side can be placed.
        await Poll.UntilAsync(started.EnclaveReachableAsync, reachable => reachable, TimeSpan.FromSeconds(30), "able to place enclave grains");
        return started;
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private async Task<bool> EnclaveReachableAsync()
    {
        try
        {
            await Grains.GetGrain<IEnclaveIdentityGrain>("enclave-cluster-ready").GetIdentityAsync();
            return true;
        }
        catch (OrleansException)
        {
            return false;
        }
    }
}
