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

    public static bool IsTeeSilo(InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<ITeeEnvironment>().Kind != TeeKind.None;

    public static ITeeEnvironment TeeOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<ITeeEnvironment>();

    /// <summary>
    /// The enclave identity activations the given silos' catalogs hold, asked through silo-side code (a silo's hosted
    /// client) because clients may not call Orleans' management grain.
    /// </summary>
    public async Task<DetailedGrainStatistic[]> EnclaveIdentityActivationsOnAsync(IEnumerable<InProcessSiloHandle> silos)
    {
        var grainType = Client.GetGrain<IEnclaveIdentityGrain>("any").GetGrainId().Type;
        var management = HostSilos[0].ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics(types: null, silos.Select(silo => silo.SiloAddress).ToArray());
        return statistics.Where(statistic => statistic.GrainId.Type == grainType).ToArray();
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
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = ResponseTimeout));

        Cluster = builder.Build();
        await Cluster.DeployAsync();

        // The enclave silo has no gateway, so the client learns of enclave grain types only once the host silos'
        // cluster manifests include it; until then GetGrain cannot resolve the interface.
        await Poll.UntilAsync(ClientReachesEnclaveAsync, reached => reached, TimeSpan.FromSeconds(30), "able to reach the enclave from the client");
    }

    private async Task<bool> ClientReachesEnclaveAsync()
    {
        try
        {
            await Client.GetGrain<IEnclaveIdentityGrain>("fixture-ready").GetIdentityAsync();
            return true;
        }
        catch (Exception error) when (error is ArgumentException or OrleansException)
        {
            return false;
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
