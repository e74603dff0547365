using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Tee;
using Obscuro.Silo;
using Obscuro.Silo.Security;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Obscuro.Grains.Tests;

/// <summary>
/// Three silos running the production wiring (<see cref="ObscuroSiloBuilderExtensions.UseObscuroSilo"/>): the first is
/// an enclave silo with a simulated TEE, the other two are host silos (tee=none). Any silo started later is that
/// enclave silo coming back: an enclave silo with the first one's data directory.
/// </summary>
public sealed class TeeClusterFixture : IAsyncLifetime
{
    private const string FirstSiloName = "Silo_0";

    // Short enough that a deadlock or a lost message fails a test quickly, long enough for a loaded CI machine.
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly string _root = Directory.CreateTempSubdirectory("obscuro-grains-tests-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The enclave silo's data directory, kept when it is killed so that it can come back with its keys.</summary>
    public string TeeDataDirectory => Path.Combine(_root, "enclave");

    public InProcessSiloHandle TeeSilo => Cluster.GetActiveSilos().Single(IsTeeSilo);

    public IReadOnlyList<InProcessSiloHandle> HostSilos => Cluster.GetActiveSilos().Where(silo => !IsTeeSilo(silo)).ToList();

    public IClusterClient Client => Cluster.Client;

    /// <summary>
    /// Taken while the enclave silo is up: with no enclave silo in the cluster manifest, resolving the interface to
    /// its grain type (as GetGrain does) fails.
    /// </summary>
    public GrainType EnclaveIdentityGrainType { get; private set; }

    public static bool IsTeeSilo(InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<ITeeEnvironment>().Kind != TeeKind.None;

    public static ITeeEnvironment TeeOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<ITeeEnvironment>();

    /// <summary>
    /// The enclave identity activations the given silos' catalogs hold, asked through silo-side code (a silo's hosted
    /// client) because clients may not call Orleans' management grain.
    /// </summary>
    public async Task<DetailedGrainStatistic[]> EnclaveIdentityActivationsOnAsync(IEnumerable<InProcessSiloHandle> silos)
    {
        var management = HostSilos[0].ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics(types: null, silos.Select(silo => silo.SiloAddress).ToArray());
        return statistics.Where(statistic => statistic.GrainId.Type == EnclaveIdentityGrainType).ToArray();
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);

        // The harness defaults would skip every placement filter and write log files into the working directory.
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.Options.ConfigureFileLogging = false;

        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(ProfileOf(options.SiloName).ToConfiguration()));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseObscuroSilo();
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = ResponseTimeout);

            // The harness's client asks each silo's test hooks whether membership has settled.
            silo.Configure<PublicApiFilterOptions>(filter => filter.ClientSystemInterfaces.Add("Orleans.Runtime.TestHooks.ITestHooks"));
        });
        builder.ConfigureClient(client =>
        {
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = ResponseTimeout);

            // A client learns grain types from its gateway's cluster manifest, polled once a minute by default. The
            // enclave silo has no gateway, so a client that connected before the host silos saw the enclave silo's
            // manifest would not know the enclave grain types for up to that minute.
            client.Configure<TypeManagementOptions>(types => types.TypeMapRefreshInterval = TimeSpan.FromSeconds(1));
        });

        Cluster = builder.Build();
        await Cluster.DeployAsync();

        // The client learns of enclave grain types only once a host silo's cluster manifest includes the enclave silo
        // and the client has polled it; until then GetGrain cannot resolve the interface.
        await Poll.UntilAsync(ClientReachesEnclaveAsync, error => error is null, TimeSpan.FromSeconds(30), "able to reach the enclave from the client");
        EnclaveIdentityGrainType = Client.GetGrain<IEnclaveIdentityGrain>("fixture-ready").GetGrainId().Type;
    }

    /// <summary>Null once the client reaches the enclave; otherwise why not.</summary>
    private async Task<string?> ClientReachesEnclaveAsync()
    {
        try
        {
            await Client.GetGrain<IEnclaveIdentityGrain>("fixture-ready").GetIdentityAsync();
            return null;
        }
        catch (Exception error) when (error is ArgumentException or OrleansException)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private SiloProfile ProfileOf(string siloName) => siloName switch
    {
        FirstSiloName => SiloProfile.Enclave(TeeDataDirectory),
        "Silo_1" or "Silo_2" => SiloProfile.Host(Path.Combine(_root, siloName)),
        _ => SiloProfile.Enclave(TeeDataDirectory),
    };
}
