using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Grains.Tests.Host.Infrastructure;
using Obscuro.Grains.Tests.Host.StandIns;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo;
using Obscuro.Silo.Devnet;
using Obscuro.Silo.Security;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Obscuro.Grains.Tests.Host;

/// <summary>
/// A real anvil with the management contracts deployed, and a two-silo cluster on the production wiring: an enclave
/// silo (simulated TEE) and a host silo configured with the anvil endpoint and an operator key (but no deployment file,
/// so no node starts by itself: each test drives its own node id). The enclave side is the stand-ins.
/// </summary>
public sealed class HostClusterFixture : IAsyncLifetime, IDisposable
{
    public static readonly Hash256 Measurement = Keccak256.Hash("Obscuro.Tests.Host.measurement"u8);
    public static readonly Hash256 Authority = Keccak256.Hash("Obscuro.Tests.Host.authority"u8);
    public static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    public const int MempoolCapacity = 4;

    /// <summary>Small, so that the mempool tests cross its checkpoints as well as its journal writes.</summary>
    public const int MempoolJournalLimit = 2;

    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(15);
    private readonly string _root = Directory.CreateTempSubdirectory("obscuro-host-tests-").FullName;
    private readonly HttpClient _http = new();

    public AnvilProcess Anvil { get; private set; } = null!;

    public EthRpcClient Rpc { get; private set; } = null!;

    public ulong ChainId { get; private set; }

    public TestAccount Operator { get; } = TestAccount.Create("operator");

    public TestAccount Deployer { get; } = TestAccount.Create("deployer");

    public ManagementContractAddresses Addresses { get; private set; } = null!;

    public static DeploymentParameters Parameters { get; } = new()
    {
        Measurements = [Measurement],
        Authorities = [Authority],
        RegistrationFee = Ether / new UInt256(100),
        MinimumStake = Ether,
        HeadTimeout = 5,
        WithdrawalDelay = 8,
        ForkLockPeriod = 15,
        UnbondingDelay = 40,
    };

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public InProcessSiloHandle HostSilo => Cluster.GetActiveSilos().Single(silo => silo.SiloAddress != EnclaveSilo.SiloAddress);

    public InProcessSiloHandle EnclaveSilo { get; private set; } = null!;

    /// <summary>Grain calls from code inside the host silo: the public API filter lets them through, as it does for grains.</summary>
    public IGrainFactory Internal => HostSilo.ServiceProvider.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        Anvil = await AnvilProcess.StartAsync(hardfork: "prague");
        Rpc = Anvil.CreateClient(_http);
        ChainId = await Rpc.GetChainIdAsync();
        await Rpc.SetBalanceAsync(Operator.Address, Ether * new UInt256(1_000));
        await Rpc.SetBalanceAsync(Deployer.Address, Ether * new UInt256(1_000));
        using (var deployer = new L1Sender(Rpc, Deployer.PrivateKey, new L1SenderOptions { PollInterval = TimeSpan.FromMilliseconds(5), Timeout = TimeSpan.FromSeconds(30) }))
        {
            Addresses = (await ManagementContractsDeployer.DeployAsync(deployer, Rpc, Parameters)).Addresses;
        }

        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(SiloConfiguration(options.SiloName)));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseObscuroSilo();
            StandInGrains.Use(silo);
            silo.Services.PostConfigure<Grains.Host.MempoolOptions>(mempool => mempool.JournalLimit = MempoolJournalLimit);
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = ResponseTimeout);
            silo.Configure<PublicApiFilterOptions>(filter => filter.ClientSystemInterfaces.Add("Orleans.Runtime.TestHooks.ITestHooks"));
        });
        builder.ConfigureClient(client =>
        {
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = ResponseTimeout);
            client.Configure<TypeManagementOptions>(types => types.TypeMapRefreshInterval = TimeSpan.FromSeconds(1));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        EnclaveSilo = Cluster.GetActiveSilos().Single(silo => silo.Name == "Silo_0");

        // The host silo learns the enclave silo's grain types (and its metadata) shortly after it joins.
        await Poll.UntilAsync(ReachesEnclaveAsync, error => error is null, TimeSpan.FromSeconds(30), "able to reach the stand-in enclave");
    }

    /// <summary>The network settings of a node of this deployment.</summary>
    public async Task<NetworkSettings> SettingsAsync(bool isAggregator, bool isGenesisNode)
    {
        var anchor = await Rpc.GetBlockByHashAsync(Addresses.AnchorHash) ?? throw new InvalidOperationException("No anchor block.");
        return new NetworkSettings(
            ChainId,
            Addresses.NetworkManagement,
            Addresses.RollupManagement,
            Addresses.Bridge,
            new L1BlockNotice(anchor.Hash, anchor.ParentHash, anchor.Number),
            443,
            [1, 300, 7_200, 216_000, 2_628_000],
            isAggregator,
            isGenesisNode,
            Operator.Address,
            new RegistrationSettings("attestation token"u8.ToArray(), Measurement, Authority, isAggregator ? "node.test:7100" : string.Empty,
                isAggregator ? Parameters.MinimumStake : UInt256.Zero, Parameters.RegistrationFee));
    }

    /// <summary>The L1 block at the head now, as a notice.</summary>
    public async Task<L1BlockNotice> HeadAsync()
    {
        var block = await Rpc.GetBlockByNumberAsync(BlockTag.Latest) ?? throw new InvalidOperationException("No latest block.");
        return new L1BlockNotice(block.Hash, block.ParentHash, block.Number);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Anvil.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    public void Dispose() => _http.Dispose();

    private Dictionary<string, string?> SiloConfiguration(string siloName) => siloName == "Silo_0"
        ? new()
        {
            ["Obscuro:NodeId"] = "host-tests",
            ["Obscuro:Role"] = "enclave",
            ["Obscuro:DataDirectory"] = Path.Combine(_root, "enclave"),
            ["Orleans:Metadata:tee"] = "simulated",
        }
        : new()
        {
            ["Obscuro:NodeId"] = "host-tests",
            ["Obscuro:Role"] = "host",
            ["Obscuro:DataDirectory"] = Path.Combine(_root, siloName),
            ["Orleans:Metadata:tee"] = "none",
            ["Obscuro:L1:Endpoint"] = Anvil.Endpoint.ToString(),
            ["Obscuro:Operator:PrivateKey"] = Operator.PrivateKeyHex,
            ["Obscuro:Node:PollIntervalMilliseconds"] = "50",
            ["Obscuro:Node:MempoolCapacity"] = MempoolCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    private async Task<string?> ReachesEnclaveAsync()
    {
        try
        {
            await Internal.GetGrain<IEnclaveGrain>("fixture-ready").GetStatusAsync();
            return null;
        }
        catch (Exception error) when (error is ArgumentException or OrleansException or InvalidOperationException)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }
}
