using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Devnet;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// One anvil with the management contracts deployed by the real <see cref="ManagementContractsDeployer"/> through
/// locally signing <see cref="L1.L1Sender"/>s, reproducible accounts and enclave keys, and a snapshot per
/// <see cref="ManagementStage"/>. A test calls <see cref="StartAsync"/> to get a fresh scenario at a stage.
/// </summary>
public sealed class ManagementFixture : IAsyncLifetime, IDisposable
{
    public static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    public static readonly Hash256 Measurement = Keccak256.Hash("Obscuro.Tests.measurement"u8);

    public static readonly Hash256 Authority = Keccak256.Hash("Obscuro.Tests.authority"u8);

    private readonly HttpClient _http = new();
    private readonly Dictionary<ManagementStage, string> _snapshots = [];
    private AnvilProcess? _anvil;
    private EthRpcClient? _rpc;
    private ManagementContractAddresses? _addresses;

    /// <summary>
    /// Small block counts so waits are a few <c>anvil_mine</c> blocks: H = 5, N = 8, M = 15 (N ≥ H, M > H), and an
    /// unbonding delay above M. Fees and stakes are round numbers so balance changes are easy to check.
    /// </summary>
    public static DeploymentParameters Parameters { get; } = new()
    {
        Measurements = [Measurement],
        Authorities = [Authority],
        RegistrationFee = Ether / new UInt256(100),
        MinimumStake = Ether,
        UnbondingDelay = 40,
        L2TransactionFee = new UInt256(1_000_000_000UL),
        HeadTimeout = 5,
        WithdrawalDelay = 8,
        ForkLockPeriod = 15,
        TestToken = new TestTokenParameters("Test Token", "TT", RevealOption.M),
    };

    public L1Account Governance { get; } = L1Account.Create("governance");

    public L1Account Operator1 { get; } = L1Account.Create("operator1");

    public L1Account Operator2 { get; } = L1Account.Create("operator2");

    public L1Account Operator3 { get; } = L1Account.Create("operator3");

    public L1Account Attacker { get; } = L1Account.Create("attacker");

    public L1Account Depositor { get; } = L1Account.Create("depositor");

    public L1Account Outsider { get; } = L1Account.Create("outsider");

    /// <summary>Sends transactions anyone may send (secret responses, publications, withdrawals), so that the balances of the parties change only by what the contracts pay them.</summary>
    public L1Account Relayer { get; } = L1Account.Create("relayer");

    /// <summary>The first node: an aggregator that initialises the network (operator 1).</summary>
    public TestEnclave EnclaveA { get; } = TestEnclave.Create("A", isAggregator: true);

    /// <summary>A second aggregator (operator 2); its key is the "stolen but registered" key of the fork attack.</summary>
    public TestEnclave EnclaveB { get; } = TestEnclave.Create("B", isAggregator: true);

    /// <summary>A verifier (operator 3): registered and provisioned, but it has no stake.</summary>
    public TestEnclave EnclaveC { get; } = TestEnclave.Create("C", isAggregator: false);

    public NetworkSecret Secret { get; } = NetworkSecret.Create("network");

    public EthRpcClient Rpc => _rpc ?? throw new InvalidOperationException("The fixture is not initialised.");

    public ulong ChainId { get; private set; }

    public ManagementContractAddresses Addresses => _addresses ?? throw new InvalidOperationException("The fixture is not initialised.");

    public IReadOnlyList<L1Account> Accounts => [Governance, Operator1, Operator2, Operator3, Attacker, Depositor, Outsider, Relayer];

    public async Task InitializeAsync()
    {
        _anvil = await AnvilProcess.StartAsync(hardfork: "prague");
        _rpc = _anvil.CreateClient(_http);
        ChainId = await _rpc.GetChainIdAsync();
        foreach (var account in Accounts)
        {
            await _rpc.SetBalanceAsync(account.Address, Ether * new UInt256(10_000));
        }

        using (var scenario = new ManagementScenario(this))
        {
            var contracts = await ManagementContractsDeployer.DeployAsync(scenario.SenderOf(Governance), _rpc, Parameters);
            _addresses = contracts.Addresses;
        }

        _snapshots[ManagementStage.Deployed] = await _rpc.SnapshotAsync();
    }

    /// <summary>
    /// Returns the chain to <paramref name="stage"/> (building it the first time) and a scenario with fresh senders:
    /// a reverted chain forgets transactions, so senders that cached nonces must not be reused.
    /// </summary>
    public async Task<ManagementScenario> StartAsync(ManagementStage stage)
    {
        await RestoreAsync(stage);
        return new ManagementScenario(this);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        EnclaveA.Dispose();
        EnclaveB.Dispose();
        EnclaveC.Dispose();
        Secret.Dispose();
    }

    private async Task RestoreAsync(ManagementStage stage)
    {
        if (_snapshots.TryGetValue(stage, out var snapshot))
        {
            if (!await Rpc.RevertToSnapshotAsync(snapshot))
            {
                throw new InvalidOperationException($"anvil no longer knows the snapshot of stage {stage}.");
            }

            // evm_revert consumes the snapshot, and later stages were built on top of it: keep none of them.
            foreach (var later in _snapshots.Keys.Where(s => s >= stage).ToArray())
            {
                _snapshots.Remove(later);
            }

            _snapshots[stage] = await Rpc.SnapshotAsync();
            return;
        }

        await RestoreAsync(stage - 1);
        using (var scenario = new ManagementScenario(this))
        {
            await BuildAsync(stage, scenario);
        }

        _snapshots[stage] = await Rpc.SnapshotAsync();
    }

    private static Task BuildAsync(ManagementStage stage, ManagementScenario scenario) => stage switch
    {
        ManagementStage.Network => scenario.ProvisionNetworkAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Stage Deployed is built at initialisation."),
    };
}
