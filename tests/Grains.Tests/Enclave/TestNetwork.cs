using Obscuro.Grains.Tests.Host.Infrastructure;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Node;
using Obscuro.Silo.Tee.Simulated;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// One test's network: management contracts freshly deployed on the shared anvil (so a fresh registry and anchor),
/// fresh locally signing senders, and the two nodes' settings with node ids no other test uses. Node A is the genesis
/// aggregator, node B a verifier.
/// </summary>
public sealed class TestNetwork
{
    public const ulong L2ChainId = 443;

    /// <summary>The measurement the simulated TEEs claim, as governance accepts it.</summary>
    public static readonly Hash256 Measurement = AttestationRegistration.MeasurementId(
        AttestationProfile.Simulated.AttestationType, Convert.FromHexString(SimulatedTeeSettings.DefaultLaunchMeasurement));

    private static readonly L1SenderOptions SenderOptions = new() { PollInterval = TimeSpan.FromMilliseconds(2), Timeout = TimeSpan.FromSeconds(30) };

    private TestNetwork(EnclaveNetworkFixture fixture, ManagementContracts contracts)
    {
        Fixture = fixture;
        Contracts = contracts;
    }

    public EnclaveNetworkFixture Fixture { get; }

    public ManagementContracts Contracts { get; }

    /// <summary>Fees and stakes of every test network (its authority is the fixture's, see <see cref="DeployAsync"/>).</summary>
    public static DeploymentParameters Parameters { get; } = DeploymentParameters.Devnet(Measurement, Keccak256.Hash("unused"u8));

    /// <summary>The fixture's simulated authority, as governance accepts it.</summary>
    public Hash256 Authority => AttestationRegistration.AuthorityId(Fixture.AttestationIssuer);

    public NodeHost A { get; private set; } = null!;

    public NodeHost B { get; private set; } = null!;

    public static async Task<TestNetwork> DeployAsync(EnclaveNetworkFixture fixture, string label, DeploymentParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var rpc = fixture.Rpc;
        ManagementContracts contracts;
        using (var governance = SenderFor(rpc, fixture.Governance))
        {
            contracts = await ManagementContractsDeployer.DeployAsync(
                governance, rpc, (parameters ?? Parameters) with { Authorities = [AttestationRegistration.AuthorityId(fixture.AttestationIssuer)] });
        }

        var network = new TestNetwork(fixture, contracts);
        var anchorBlock = await rpc.GetBlockByHashAsync(contracts.Addresses.AnchorHash) ?? throw new InvalidOperationException("The anchor block is unknown.");
        var anchor = new L1BlockNotice(anchorBlock.Hash, anchorBlock.ParentHash, anchorBlock.Number);
        var number = fixture.NextNetworkNumber();
        network.A = new NodeHost($"{label}-{number}-a", fixture.NodeA, network.Settings(anchor, fixture.OperatorA.Address, aggregator: true, genesis: true), fixture.OperatorA, rpc);
        network.B = new NodeHost($"{label}-{number}-b", fixture.NodeB, network.Settings(anchor, fixture.OperatorB.Address, aggregator: false, genesis: false), fixture.OperatorB, rpc);
        return network;
    }

    /// <summary>A sender that reads its nonce from the node on first use (dispose it after).</summary>
    public static L1Sender SenderFor(EthRpcClient rpc, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new L1Sender(rpc, account.PrivateKey, SenderOptions);
    }

    /// <summary>Deposits ETH on the L1 bridge for an L2 account; returns the L1 transaction's receipt.</summary>
    public async Task<L1TransactionResult> DepositAsync(Address l2Recipient, UInt256 amount)
    {
        using var sender = SenderFor(Fixture.Rpc, Fixture.Depositor);
        return await Contracts.Bridge.WithSender(sender).DepositEthAsync(l2Recipient, amount);
    }

    /// <summary>The network key clients encrypt to, as L1 publishes it.</summary>
    public Task<byte[]> NetworkPublicKeyAsync() => Contracts.NetworkManagement.NetworkPublicKeyAsync();

    /// <summary>Starts A (and B when asked) and lets them register, initialise and provision until both hold the seed.</summary>
    public async Task ProvisionAsync(bool withVerifier = true)
    {
        await A.StartAsync();
        if (withVerifier)
        {
            await B.StartAsync();
        }

        await Poll.UntilAsync(
            async () =>
            {
                await A.StepAsync();
                if (withVerifier) await B.StepAsync();
                var a = await A.Enclave.GetStatusAsync();
                var b = withVerifier ? await B.Enclave.GetStatusAsync() : null;
                return (A: a, B: b);
            },
            statuses => statuses.A.Provisioned && (statuses.B?.Provisioned ?? true),
            TimeSpan.FromSeconds(30),
            "provisioned");
    }

    private NetworkSettings Settings(L1BlockNotice anchor, Address operatorAccount, bool aggregator, bool genesis)
    {
        var addresses = Contracts.Addresses;
        return new NetworkSettings(
            addresses.ChainId,
            addresses.NetworkManagement,
            addresses.RollupManagement,
            addresses.Bridge,
            anchor,
            L2ChainId,
            [1, 3, 6, 12, 24],
            aggregator,
            genesis,
            operatorAccount,
            new RegistrationSettings(
                [],
                Measurement,
                Authority,
                aggregator ? "127.0.0.1:40000" : string.Empty,
                aggregator ? Parameters.MinimumStake : UInt256.Zero,
                Parameters.RegistrationFee));
    }
}
