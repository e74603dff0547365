using System.Net;
using System.Net.Sockets;
using Obscuro.Client;
using Obscuro.Client.Configuration;
using Obscuro.Client.Keys;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A whole devnet for end-to-end tests, built from the same parts as the README's main command: a fresh anvil, the
/// contracts deployed by <see cref="DevnetL1"/>, and the nodes of <see cref="DevnetFixtureOptions.Nodes"/> (each its own
/// single-silo cluster on free ports), plus wallets for anvil's demo accounts through the real Client library.
/// </summary>
public class DevnetFixture : IAsyncLifetime
{
    // One connection pool for every fixture of the test run, as HttpClient is meant to be used.
    private static readonly HttpClient Http = new();
    private readonly List<DevnetNode> _nodes = [];
    private readonly List<ObscuroClient> _clients = [];
    private readonly Dictionary<int, UnlockedAccount> _accounts = [];
    private Keystore? _keystore;

    public DevnetFixture()
        : this(new DevnetFixtureOptions())
    {
    }

    protected DevnetFixture(DevnetFixtureOptions options)
    {
        Options = options;
        Root = Directory.CreateTempSubdirectory("obscuro-e2e-").FullName;
    }

    public DevnetFixtureOptions Options { get; }

    /// <summary>Everything the devnet writes: the deployment file, one data directory per node, the wallet.</summary>
    public string Root { get; }

    public AnvilProcess Anvil { get; private set; } = null!;

    public EthRpcClient Rpc { get; private set; } = null!;

    public NetworkDeployment Deployment { get; private set; } = null!;

    public string DeploymentFile => Path.Combine(Root, "deployment.json");

    public IReadOnlyList<DevnetNode> Nodes => _nodes;

    /// <summary>The genesis aggregator (the first node).</summary>
    public DevnetNode Aggregator => _nodes[0];

    /// <summary>The first verifier, if the options asked for one.</summary>
    public DevnetNode Verifier => _nodes.First(n => !n.Spec.IsAggregator);

    public virtual async Task InitializeAsync()
    {
        Anvil = await AnvilProcess.StartAsync(blockTime: Options.BlockTimeSeconds);
        Rpc = new EthRpcClient(Http, new EthRpcOptions { Endpoint = Anvil.Endpoint });
        Deployment = await DevnetL1.DeployAsync(Rpc, Anvil.Endpoint, Options.RevealLengths);
        Deployment.Save(DeploymentFile);
        foreach (var node in Options.Nodes)
        {
            await StartNodeAsync(node);
        }

        // Ready means what a wallet needs: the network key on L1 (the genesis registered it), every enclave holding the
        // seed, and a genesis rollup in L1 that every node has ingested.
        foreach (var node in _nodes)
        {
            await WaitForStatusAsync(node, s => s.Enclave is { Provisioned: true } && s.HeadRollup != Obscuro.Protocol.Ethereum.Hash256.Zero, Options.StartTimeout, "provisioned, with a rollup head");
        }
    }

    /// <summary>Starts one more node (or restarts a stopped one: same id and data directory, new ports).</summary>
    public async Task<DevnetNode> StartNodeAsync(DevnetFixtureNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var directory = Path.Combine(Root, "nodes", node.NodeId);
        Directory.CreateDirectory(directory);
        var spec = new DevnetNodeSpec(node.NodeId, node.IsAggregator, node.IsGenesisNode, node.OperatorAccount, FreePort(), FreePort(), directory, DeploymentFile);
        var started = await DevnetNode.StartAsync(spec);
        _nodes.Add(started);
        return started;
    }

    /// <summary>Stops a node's silo and client; its data directory stays.</summary>
    public async Task StopNodeAsync(DevnetNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    /// <summary>How a wallet reaches a node: the cluster and service ids <see cref="DevnetNode"/> gives it, and its gateway.</summary>
    public static NodeEndpoint EndpointOf(DevnetNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new NodeEndpoint(node.Spec.NodeId, $"obscuro-devnet-{node.Spec.NodeId}", $"obscuro-{node.Spec.NodeId}", [new GatewayAddress("127.0.0.1", node.Spec.GatewayPort)]);
    }

    /// <summary>A wallet client of the given node (the aggregator when null), disposed with the fixture.</summary>
    public ObscuroClient CreateClient(DevnetNode? node = null)
    {
        var client = ObscuroClient.Create(new ClientOptions(Deployment) { Node = EndpointOf(node ?? Aggregator) }, Http);
        lock (_clients) _clients.Add(client);
        return client;
    }

    /// <summary>One of anvil's funded accounts, imported into the fixture's keystore and unlocked (cached).</summary>
    public UnlockedAccount Account(int anvilAccount)
    {
        lock (_accounts)
        {
            if (_accounts.TryGetValue(anvilAccount, out var unlocked)) return unlocked;
            _keystore ??= new Keystore(Path.Combine(Root, "wallet"));
            const string passphrase = "end-to-end tests";
            var entry = _keystore.Import(Obscuro.Protocol.Ethereum.Hex.Encode(DevnetAccounts.PrivateKey(anvilAccount)), $"anvil-{anvilAccount}", passphrase);
            unlocked = _keystore.Unlock(entry, passphrase);
            _accounts.Add(anvilAccount, unlocked);
            return unlocked;
        }
    }

    /// <summary>Polls a node's public status until <paramref name="condition"/> holds, failing with the last status at the deadline.</summary>
    public static async Task<NodeStatus> WaitForStatusAsync(DevnetNode node, Func<NodeStatus, bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        NodeStatus? last = null;
        while (true)
        {
            try
            {
                last = await node.Api.GetStatusAsync();
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // A node that is still starting answers later.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{node.Spec.NodeId} did not reach '{what}' in {timeout}; last status: {last}");
            await Task.Delay(100);
        }
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        foreach (var account in _accounts.Values) account.Dispose();
        foreach (var node in Enumerable.Reverse(_nodes))
        {
            try
            {
                await node.DisposeAsync();
            }
            catch (Exception e) when (e is OrleansException or OperationCanceledException or TimeoutException)
            {
                // A node that cannot stop cleanly must not keep anvil alive.
            }
        }

        if (Anvil is not null) await Anvil.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Log files of a silo still closing; the temp folder is cleaned by the OS.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
