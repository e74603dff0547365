using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Obscuro.Client;
using Obscuro.Client.Configuration;
using Obscuro.Client.Keys;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>
/// A real POBI network for one test: its own anvil (automine, no block time), the contracts, and N aggregators, each
/// its own single-silo Orleans cluster (<see cref="DevnetNode"/>, simulated TEE) with its own ports and gossip endpoint.
/// Node 0 creates the network. The test drives L1: automine is off, and a miner loop mines a block as soon as a
/// transaction is pending (so a winner's rollup lands in the next block), or an empty one when L1 has been idle for
/// <see cref="IdleBlock"/> (so the rounds' L1-block deadlines for a silent winner still pass). <see cref="Paused"/>
/// stops it, for a test that wants to act between blocks.
/// </summary>
public sealed class PobiNetwork : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "obscuro-pobi-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<DevnetNodeSpec> _specs = [];
    private readonly Dictionary<int, Dictionary<string, string?>> _overrides = [];
    private readonly List<ObscuroClient> _clients = [];
    private readonly Dictionary<int, UnlockedAccount> _accounts = [];
    private AnvilProcess? _anvil;
    private Task? _heartbeat;

    public DevnetNode?[] Nodes { get; private set; } = [];

    public EthRpcClient Rpc => new(_http, new EthRpcOptions { Endpoint = _anvil!.Endpoint });

    /// <summary>The contracts the network runs on, as wallets read them.</summary>
    public NetworkDeployment Deployment { get; private set; } = null!;

    /// <summary>How long L1 may stay idle before the heartbeat mines an empty block.</summary>
    public TimeSpan IdleBlock { get; set; } = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _mining = new(1, 1);

    /// <summary>
    /// The shortest time between two blocks the miner makes (default none: a pending transaction is mined at once). A
    /// real L1 gives a node a block time to react; a test of a race between nodes sets one.
    /// </summary>
    public TimeSpan MinBlockInterval { get; set; } = TimeSpan.Zero;
    private volatile bool _paused;

    /// <summary>Stops the miner loop; when this returns, no block is being mined and none will be until <see cref="Resume"/>.</summary>
    public async Task PauseAsync()
    {
        _paused = true;
        await _mining.WaitAsync();
        _mining.Release();
    }

    public void Resume() => _paused = false;

    /// <summary>The index of the node whose operator account is <paramref name="operatorAddress"/>.</summary>
    public int IndexOfOperator(Protocol.Ethereum.Address operatorAddress) =>
        _specs.FindIndex(spec => DevnetAccounts.Address(spec.OperatorAccount) == operatorAddress);

    /// <summary>Polls <paramref name="condition"/> until it holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public DevnetNode Node(int index) => Nodes[index] ?? throw new InvalidOperationException($"Node {index} is stopped.");

    /// <summary>
    /// Starts anvil, the contracts and <paramref name="aggregators"/> aggregators one after another; with
    /// <paramref name="startNow"/> only the first that many (the rest join later through <see cref="StartNodeAsync"/>).
    /// </summary>
    public static async Task<PobiNetwork> StartAsync(int aggregators, Func<int, Dictionary<string, string?>>? overrides = null, int? startNow = null)
    {
        var network = new PobiNetwork();
        try
        {
            await network.InitialiseAsync(aggregators, overrides, startNow ?? aggregators);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    private async Task InitialiseAsync(int aggregators, Func<int, Dictionary<string, string?>>? overrides, int startNow)
    {
        Directory.CreateDirectory(_root);
        _anvil = await AnvilProcess.StartAsync();
        Deployment = await DevnetL1.DeployAsync(Rpc, _anvil.Endpoint, [1, 300, 7_200, 216_000, 2_628_000]);
        var file = Path.Combine(_root, "deployment.json");
        Deployment.Save(file);
        await Rpc.RequestAsync("evm_setAutomine", [JsonValue.Create(false)]);
        _heartbeat = Task.Run(MinerAsync);
        Nodes = new DevnetNode?[aggregators];
        for (var i = 0; i < aggregators; i++)
        {
            var (silo, gateway) = FreePorts();
            _specs.Add(new DevnetNodeSpec($"agg{i}", IsAggregator: true, IsGenesisNode: i == 0, OperatorAccount: i + 1, silo, gateway, Path.Combine(_root, $"agg{i}"), file));
            var extra = overrides?.Invoke(i) ?? [];

            // Tests poll L1 often so a round takes little more than the nodes' own work.
            extra.TryAdd("Obscuro:Node:PollIntervalMilliseconds", "50");
            _overrides[i] = extra;
        }

        // Staggered: the genesis node first (it initialises the network), then the others join and get the seed.
        for (var i = 0; i < startNow; i++)
        {
            await StartNodeAsync(i);
        }
    }

    /// <summary>A wallet client of node <paramref name="index"/>'s gateway (a new one after a restart), disposed with the network.</summary>
    public ObscuroClient CreateClient(int index)
    {
        var client = ObscuroClient.Create(new ClientOptions(Deployment) { Node = Node(index).Spec.ToListing().ToEndpoint() }, _http);
        lock (_clients) _clients.Add(client);
        return client;
    }

    /// <summary>One of anvil's funded accounts as a wallet holds it (in memory; the devnet's keys are public).</summary>
    public UnlockedAccount Account(int anvilAccount)
    {
        lock (_accounts)
        {
            if (!_accounts.TryGetValue(anvilAccount, out var account))
            {
                account = UnlockedAccount.InMemory(DevnetAccounts.PrivateKey(anvilAccount), $"anvil-{anvilAccount}");
                _accounts.Add(anvilAccount, account);
            }

            return account;
        }
    }

    /// <summary>
    /// Replaces the last <paramref name="depth"/> L1 blocks with as many empty ones (<c>anvil_reorg</c>; the transactions
    /// of the replaced blocks are gone), with the miner held meanwhile so that the depth is exact.
    /// </summary>
    public async Task ReorgAsync(ulong depth)
    {
        var wasPaused = _paused;
        await PauseAsync();
        try
        {
            await Rpc.ReorgAsync(depth);
        }
        finally
        {
            if (!wasPaused) Resume();
        }
    }

    public async Task StartNodeAsync(int index)
    {
        Nodes[index] = await DevnetNode.StartAsync(_specs[index], _overrides[index]);
    }

    /// <summary>Stops one node's silo (its cluster goes away; its data directory stays).</summary>
    public async Task StopNodeAsync(int index)
    {
        if (Nodes[index] is { } node)
        {
            Nodes[index] = null;
            await node.DisposeAsync();
        }
    }

    /// <summary>Polls until every running node's enclave holds the seed and the rollup chain has reached <paramref name="generation"/>.</summary>
    public async Task WaitForGenerationAsync(ulong generation, TimeSpan timeout, bool allNodes = true)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var statuses = await StatusesAsync();
            var reached = allNodes
                ? statuses.All(s => s.Enclave is { Provisioned: true } && s.HeadGeneration >= generation && !s.HeadRollup.IsZero)
                : statuses.Any(s => s.HeadGeneration >= generation && !s.HeadRollup.IsZero);
            if (reached)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                var summary = string.Join("; ", statuses.Select(s => $"{s.NodeId}: L1 {s.L1Head}, generation {s.HeadGeneration}, provisioned {s.Enclave?.Provisioned}, waiting for {s.Enclave?.WaitingFor}"));
                throw new TimeoutException($"Generation {generation} not reached within {timeout}: {summary}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits for the first round that every running node saw with a candidate from every aggregator, and returns its
    /// generation. Provisioned is not enough: a node gossips to a peer only once it has ingested the peer's registration,
    /// so the first rounds after a staggered start can miss a candidate.
    /// </summary>
    public async Task<ulong> WaitForFullRoundAsync(TimeSpan timeout)
    {
        var running = Nodes.Where(n => n is not null).Select(n => n!).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var head = (await running[0].Api.GetStatusAsync()).HeadGeneration;
            if (head > 0)
            {
                var rounds = await Task.WhenAll(running.Select(n => n.Api.GetRoundAsync(head)));
                if (rounds.All(r => r.Candidates.Count == Nodes.Length))
                {
                    return head;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No round with a candidate from each of the {Nodes.Length} aggregators on every node within {timeout} (head generation {head}).");
            }

            await Task.Delay(100);
        }
    }

    public async Task<List<NodeStatus>> StatusesAsync()
    {
        var statuses = new List<NodeStatus>();
        foreach (var node in Nodes)
        {
            if (node is not null)
            {
                statuses.Add(await node.Api.GetStatusAsync());
            }
        }

        return statuses;
    }

    /// <summary>
    /// With L1 held still (<see cref="PauseAsync"/>), waits until every running node has ingested the L1 head and
    /// stands on the same rollup head: a test that reads "the current round" from a node lagging one block would get
    /// the previous round, whose rollup is already on L1.
    /// </summary>
    public async Task<List<NodeStatus>> SettleAsync(TimeSpan timeout)
    {
        var height = await L1HeightAsync();
        return await PollAsync(
            async () => await StatusesAsync() is var statuses && statuses.All(s => s.L1Head == height) && statuses.Select(s => s.HeadRollup).Distinct().Count() == 1 ? statuses : null,
            timeout,
            $"every node at L1 block {height} on the same rollup head");
    }

    public async Task<ulong> L1HeightAsync() => await Rpc.GetBlockNumberAsync();

    public async Task MineAsync() => await Rpc.RequestAsync("evm_mine", []);

    /// <summary>Transactions waiting in anvil's pool.</summary>
    public async Task<int> PendingAsync()
    {
        var status = await Rpc.RequestAsync("txpool_status", []);
        return int.Parse(status.GetProperty("pending").GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    /// <summary>The senders of the transactions waiting in anvil's pool.</summary>
    public async Task<List<Protocol.Ethereum.Address>> PendingSendersAsync()
    {
        var content = await Rpc.RequestAsync("txpool_content", []);
        return [.. content.GetProperty("pending").EnumerateObject().Select(sender => Protocol.Ethereum.Address.Parse(sender.Name))];
    }

    public async Task DropPendingAsync() => await Rpc.RequestAsync("anvil_dropAllTransactions", []);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_heartbeat is not null)
        {
            await _heartbeat.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var account in _accounts.Values)
        {
            account.Dispose();
        }

        foreach (var node in Nodes.Reverse())
        {
            if (node is not null)
            {
                try
                {
                    await node.DisposeAsync();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Best effort: a silo already going down.
                }
            }
        }

        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }

        _http.Dispose();
        _stopping.Dispose();
        _mining.Dispose();

        // OBSCURO_KEEP_E2E=1 keeps the nodes' logs and data for a post-mortem.
        if (Environment.GetEnvironmentVariable("OBSCURO_KEEP_E2E") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held open; the temporary directory is left.
        }
    }

    private async Task MinerAsync()
    {
        ulong last = 0;
        var seenAt = DateTime.UtcNow;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(50, _stopping.Token);
                await _mining.WaitAsync(_stopping.Token);
                try
                {
                    if (_paused)
                    {
                        seenAt = DateTime.UtcNow;
                        continue;
                    }

                    var height = await L1HeightAsync();
                    if (height != last)
                    {
                        last = height;
                        seenAt = DateTime.UtcNow;
                    }

                    var since = DateTime.UtcNow - seenAt;
                    if ((since >= MinBlockInterval && await PendingAsync() > 0) || since > IdleBlock)
                    {
                        await MineAsync();
                    }
                }
                finally
                {
                    _mining.Release();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is L1UnavailableException or RpcException or HttpRequestException)
            {
                // anvil is going down with the test.
            }
        }
    }

    /// <summary>A free silo port and a free gateway port whose gossip port (gateway + 1000, as DevnetNode registers it) is free too.</summary>
    private static (int Silo, int Gateway) FreePorts()
    {
        while (true)
        {
            var silo = FreePort();
            var gateway = FreePort();
            if (gateway + 1000 < 65535 && IsFree(gateway + 1000) && silo != gateway)
            {
                return (silo, gateway);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
