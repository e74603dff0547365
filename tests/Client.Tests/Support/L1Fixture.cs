using System.Net;
using System.Net.Sockets;
using System.Text;
using Obscuro.Client.Keys;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Obscuro.Silo.Devnet;

namespace Obscuro.Client.Tests.Support;

/// <summary>
/// A real anvil with the management contracts deployed by <see cref="ManagementContractsDeployer"/> (with the test
/// token), the network initialised by enclave A (a provisioned aggregator), enclave B registered but never
/// provisioned, a genesis rollup, a deployment file naming a node gateway nobody listens on, and a keystore with one
/// funded wallet account. Tests in its collection run one after another and only extend the rollup chain.
/// </summary>
public sealed class L1Fixture : IAsyncLifetime, IDisposable
{
    public const string Passphrase = "client tests passphrase";

    public static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    public static readonly Hash256 Measurement = Keccak256.Hash("Obscuro.Client.Tests.measurement"u8);

    public static readonly Hash256 Authority = Keccak256.Hash("Obscuro.Client.Tests.authority"u8);

    private static readonly L1SenderOptions SenderOptions = new() { PollInterval = TimeSpan.FromMilliseconds(5), Timeout = TimeSpan.FromSeconds(30) };

    private readonly HttpClient _http = new();
    private readonly TempDirectory _directory = new();
    private AnvilProcess? _anvil;
    private Hash256 _head;

    public Secp256k1KeyPair Governance { get; } = TestNetwork.Key("governance");

    public Secp256k1KeyPair Operator { get; } = TestNetwork.Key("operator");

    /// <summary>The first node's enclave: registered, provisioned, an active aggregator.</summary>
    public Secp256k1KeyPair EnclaveA { get; } = TestNetwork.Key("enclave A");

    /// <summary>Registered as a verifier but never given the secret (pending).</summary>
    public Secp256k1KeyPair EnclaveB { get; } = TestNetwork.Key("enclave B");

    /// <summary>Never registered.</summary>
    public Secp256k1KeyPair Stranger { get; } = TestNetwork.Key("stranger");

    /// <summary>The wallet account's key (imported into <see cref="KeystoreDirectory"/>).</summary>
    public Secp256k1KeyPair Alice { get; } = TestNetwork.Key("alice");

    public TestNetwork Network { get; } = TestNetwork.Create("client tests");

    public EthRpcClient Rpc { get; private set; } = null!;

    public ManagementContracts Contracts { get; private set; } = null!;

    public NetworkDeployment Deployment { get; private set; } = null!;

    public string DeploymentPath => _directory.Combine("deployment.json");

    /// <summary>A node gateway nobody listens on: this fixture has an L1 but no node.</summary>
    public string DeadGateway { get; } = $"127.0.0.1:{UnusedPort()}";

    public string KeystoreDirectory => _directory.Combine("wallet");

    public string WorkingDirectory => _directory.Path;

    public ulong ChainId => Deployment.L1ChainId;

    public HttpClient Http => _http;

    /// <summary>Deployment parameters with a short withdrawal delay, so finalisation waits a few mined blocks.</summary>
    public static DeploymentParameters Parameters { get; } = new()
    {
        Measurements = [Measurement],
        Authorities = [Authority],
        HeadTimeout = 2,
        WithdrawalDelay = 3,
        ForkLockPeriod = 4,
        UnbondingDelay = 10,
        TestToken = new TestTokenParameters("Test Token", "TT", RevealOption.S),
    };

    public async Task InitializeAsync()
    {
        _anvil = await AnvilProcess.StartAsync(hardfork: "prague");
        Rpc = _anvil.CreateClient(_http);
        foreach (var account in new[] { Governance, Operator, Alice })
        {
            await Rpc.SetBalanceAsync(account.Address, Ether * new UInt256(1_000));
        }

        using (var governance = Sender(Governance))
        {
            Contracts = await ManagementContractsDeployer.DeployAsync(governance, Rpc, Parameters);
        }

        await InitialiseNetworkAsync();
        _head = (await PublishAsync(Hash256.Zero, [])).RollupHash;

        var addresses = Contracts.Addresses;
        Deployment = new NetworkDeployment(
            addresses.ChainId, _anvil.Endpoint.ToString(), 443, addresses.NetworkManagement, addresses.RollupManagement, addresses.Bridge, addresses.TestToken,
            addresses.AnchorNumber, addresses.AnchorHash, (await Rpc.GetBlockByNumberAsync(BlockTag.At(addresses.AnchorNumber)))!.ParentHash,
            [1, 300, 7_200, 216_000, 2_628_000], Measurement, Authority);
        Deployment.Save(DeploymentPath);
        new Keystore(KeystoreDirectory).Import(Keys.KeystoreTests.PrivateKeyHex(Alice), "alice", Passphrase);
        using var minter = Sender(Alice);
        await Contracts.TestToken!.WithSender(minter).MintAsync(Alice.Address, Ether * new UInt256(1_000));
    }

    /// <summary>The CLI with this network's deployment file and keystore, and the passphrase in the environment.</summary>
    public CliHarness Cli()
    {
        var cli = new CliHarness { WorkingDirectory = WorkingDirectory, Http = _http };
        cli.Variables["OBSCURO_PASSPHRASE"] = Passphrase;
        cli.Variables["OBSCURO_DEPLOYMENT"] = DeploymentPath;
        cli.Variables["OBSCURO_WALLET"] = KeystoreDirectory;
        cli.ExtraArguments.AddRange(["--node", DeadGateway]);
        return cli;
    }

    public UnlockedAccount UnlockAlice()
    {
        var keystore = new Keystore(KeystoreDirectory);
        return keystore.Unlock(keystore.Find("alice"), Passphrase);
    }

    public L1Sender Sender(Secp256k1KeyPair key)
    {
        var bytes = new byte[32];
        key.CopyPrivateKeyTo(bytes);
        return new L1Sender(Rpc, bytes, SenderOptions);
    }

    /// <summary>Publishes a child of the current head signed by enclave A, listing <paramref name="withdrawals"/>.</summary>
    public async Task<RollupPublishedEvent> PublishChildAsync(IReadOnlyList<Withdrawal> withdrawals)
    {
        var published = await PublishAsync(_head, withdrawals);
        _head = published.RollupHash;
        return published;
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
        _directory.Dispose();
        foreach (var key in new[] { Governance, Operator, EnclaveA, EnclaveB, Stranger, Alice })
        {
            key.Dispose();
        }

        Network.Dispose();
    }

    private async Task InitialiseNetworkAsync()
    {
        var chainId = Contracts.Addresses.ChainId;
        var management = Contracts.Addresses.NetworkManagement;
        var token = "attestation"u8.ToArray();
        var attestation = Keccak256.Hash(token);
        using var operatorSender = Sender(Operator);
        var network = Contracts.NetworkManagement.WithSender(operatorSender);
        const string Endpoint = "a.obscuro.test:7100";
        await network.RegisterAsync(
            EnclaveA.PublicKey.ToArray(), token, Measurement, Authority, true, Endpoint,
            TestNetwork.SignRegistration(EnclaveA, chainId, management, Operator.Address, attestation, Measurement, Authority, true, Endpoint),
            Parameters.RegistrationFee + Parameters.MinimumStake);
        var (seed, enclaveSignature, networkSignature) = Network.Initialization(EnclaveA, chainId, management);
        await network.InitializeNetworkAsync(EnclaveA.Address, Network.NetworkKey.PublicKey.ToArray(), seed, enclaveSignature, networkSignature);
        await network.RegisterAsync(
            EnclaveB.PublicKey.ToArray(), token, Measurement, Authority, false, string.Empty,
            TestNetwork.SignRegistration(EnclaveB, chainId, management, Operator.Address, attestation, Measurement, Authority, false, string.Empty),
            Parameters.RegistrationFee);
    }

    private async Task<RollupPublishedEvent> PublishAsync(Hash256 parent, IReadOnlyList<Withdrawal> withdrawals)
    {
        var rollups = Contracts.RollupManagement;
        ulong generation = 0, inclusionNumber = 0;
        var inclusionHash = Hash256.Zero;
        if (!parent.IsZero)
        {
            var info = await rollups.RollupAsync(parent);
            var inclusion = await Rpc.GetBlockByNumberAsync(BlockTag.At(info.PublishedAt)) ?? throw new InvalidOperationException("No inclusion block.");
            (generation, inclusionNumber, inclusionHash) = (info.Generation + 1, inclusion.Number, inclusion.Hash);
        }

        var latest = await Rpc.GetBlockByNumberAsync(BlockTag.Latest) ?? throw new InvalidOperationException("No latest block.");
        var blob = Keccak256.HashToArray(Encoding.UTF8.GetBytes($"blob {parent} {generation}"));
        var header = new RollupHeader(
            parent, generation, inclusionNumber, inclusionHash, latest.Number, latest.Hash, EnclaveA.Address, new UInt256(generation + 1),
            Keccak256.Hash(blob), Keccak256.Hash(blob), [1, 2, 3], withdrawals, []);
        var signature = RollupSignature.Sign(header, new NetworkContext(ChainIdOf(), rollups.Address, NetworkRules.Devnet, RevealSchedule.Default), EnclaveA);
        using var publisher = Sender(Operator);
        var result = await rollups.WithSender(publisher).PublishRollupAsync(header, blob, signature);
        return result.Receipt.Logs.Select(rollups.DecodeEvent).OfType<RollupPublishedEvent>().Single();
    }

    private ulong ChainIdOf() => Contracts.Addresses.ChainId;

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
