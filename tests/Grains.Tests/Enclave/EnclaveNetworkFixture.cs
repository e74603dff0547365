using System.Net;
using Obscuro.Grains.Tests.Host.Infrastructure;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Devnet;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// What the enclave tests share: one real anvil (Prague) and two node clusters, A and B, each with its own simulated
/// TEE and so its own enclave key, attested by one simulated attestation authority on 127.0.0.1 that every test
/// network accepts. Every test deploys its own management contracts (<see cref="TestNetwork"/>) and uses
/// node ids of its own, so tests never see each other's registrations, ledgers or accounts.
/// </summary>
public sealed class EnclaveNetworkFixture : IAsyncLifetime, IDisposable
{
    public static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    private readonly string _root = Directory.CreateTempSubdirectory("obscuro-enclave-tests-").FullName;
    private readonly HttpClient _http = new();
    private int _networks;

    public AnvilProcess Anvil { get; private set; } = null!;

    /// <summary>The simulated attestation authority the nodes' TEEs get their tokens from.</summary>
    public SimulatedAttestationAuthorityHost AttestationAuthority { get; private set; } = null!;

    /// <summary>Its issuer (<c>iss</c>), whose keccak256 every test network accepts as its authority.</summary>
    public string AttestationIssuer => AttestationAuthority.Authority.Issuer;

    public EthRpcClient Rpc { get; private set; } = null!;

    public ulong ChainId { get; private set; }

    /// <summary>Node A's cluster: the genesis aggregator in every test network.</summary>
    public EnclaveCluster NodeA { get; private set; } = null!;

    /// <summary>Node B's cluster: a verifier that joins through respondSecret.</summary>
    public EnclaveCluster NodeB { get; private set; } = null!;

    public TestAccount Governance { get; } = TestAccount.Create("governance");

    public TestAccount OperatorA { get; } = TestAccount.Create("operator-a");

    public TestAccount OperatorB { get; } = TestAccount.Create("operator-b");

    public TestAccount Depositor { get; } = TestAccount.Create("depositor");

    public int NextNetworkNumber() => Interlocked.Increment(ref _networks);

    public async Task InitializeAsync()
    {
        Anvil = await AnvilProcess.StartAsync(hardfork: "prague");
        Rpc = Anvil.CreateClient(_http, options => options.MaxAttempts = 2);
        ChainId = await Rpc.GetChainIdAsync();
        foreach (var account in new[] { Governance, OperatorA, OperatorB, Depositor })
        {
            await Rpc.SetBalanceAsync(account.Address, Ether * new UInt256(1_000_000));
        }

        AttestationAuthority = await SimulatedAttestationAuthorityHost.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var a = EnclaveCluster.StartAsync("enclave-tests-a", Path.Combine(_root, "a"), Anvil.Endpoint, AttestationIssuer, OperatorA.PrivateKeyHex);
        var b = EnclaveCluster.StartAsync("enclave-tests-b", Path.Combine(_root, "b"), Anvil.Endpoint, AttestationIssuer, OperatorB.PrivateKeyHex);
        NodeA = await a;
        NodeB = await b;
    }

    public async Task DisposeAsync()
    {
        if (NodeA is not null) await NodeA.DisposeAsync();
        if (NodeB is not null) await NodeB.DisposeAsync();
        if (Anvil is not null) await Anvil.DisposeAsync();
        if (AttestationAuthority is not null) await AttestationAuthority.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    public void Dispose() => _http.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EnclaveNetworkDefinition : ICollectionFixture<EnclaveNetworkFixture>
{
    public const string Name = "Enclave network on anvil";
}
