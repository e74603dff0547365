using Obscuro.Client;
using Obscuro.Client.Configuration;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.Rpc;
using Obscuro.Silo.Devnet.Demo;
using Obscuro.Silo.Devnet.Status;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// One run of the devnet: anvil, the deployment, the nodes (each its own single-silo cluster in a child process of
/// this one, started in <see cref="DevnetLayout"/> order, each start awaited until its gateway answers), <c>nodes.json</c> for wallets, and the demo workload. Disposal stops them in
/// reverse: the workload, the nodes, anvil; whatever started is stopped even when a later step failed.
/// </summary>
public sealed class DevnetRun : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly IReadOnlyList<ulong> RevealLengths = [1, 300, 7_200, 216_000, 2_628_000];

    private readonly List<DevnetNode> _nodes = [];
    private readonly CancellationTokenSource _workloadStop = new();
    private readonly HttpClient _http = new();
    private AnvilProcess? _anvil;
    private ObscuroClient? _demoClient;
    private Task? _workload;

    private DevnetRun(DevnetOptions options, string dataRoot)
    {
        Options = options;
        DataRoot = dataRoot;
        DeploymentFile = Path.Combine(dataRoot, "deployment.json");
        NodesFilePath = NodesFile.Beside(DeploymentFile);
        Specs = DevnetLayout.Specs(dataRoot, DeploymentFile, options.BasePort);
    }

    public DevnetOptions Options { get; }

    public string DataRoot { get; }

    public string DeploymentFile { get; }

    public string NodesFilePath { get; }

    public IReadOnlyList<DevnetNodeSpec> Specs { get; }

    public IReadOnlyList<DevnetNode> Nodes => _nodes;

    public Uri? L1Endpoint => _anvil?.Endpoint;

    /// <summary>Null with <c>--no-demo</c>.</summary>
    public DemoActivity? Demo { get; private set; }

    /// <summary>The ready reference to anvil for a forced stop (a second Ctrl-C), which has no time for the orderly one.</summary>
    public AnvilProcess? Anvil => _anvil;

    /// <summary>Kills the node processes at once, for a forced stop.</summary>
    public void KillNodes()
    {
        foreach (var node in _nodes) node.Kill();
    }

    /// <summary>Starts everything; on failure stops what started and throws (<see cref="DevnetStartupException"/> for what an operator can fix).</summary>
    public static async Task<DevnetRun> StartAsync(DevnetOptions options, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        var run = new DevnetRun(options, Path.GetFullPath(options.DataRoot ?? Path.Combine(RepositoryRoot(), ".devnet")));
        try
        {
            await run.StartAsync(say, cancellationToken).ConfigureAwait(false);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public DevnetMonitor CreateMonitor()
    {
        var first = _nodes.FirstOrDefault(node => node.Spec.IsAggregator);
        return new(
            [.. _nodes.Select(node => (node.Spec, (Func<Task<Grains.Node.NodeStatus>>)(() => node.Api.GetStatusAsync())))],
            rounds: first is null ? null : generation => first.Api.GetRoundAsync(generation));
    }

    public async ValueTask DisposeAsync()
    {
        await _workloadStop.CancelAsync().ConfigureAwait(false);
        if (_workload is not null) await Bounded(_workload).ConfigureAwait(false);
        if (_demoClient is not null) await Bounded(_demoClient.DisposeAsync().AsTask()).ConfigureAwait(false);

        // Verifiers first, the genesis aggregator last: the others follow it.
        foreach (var node in Enumerable.Reverse(_nodes)) await Bounded(node.DisposeAsync().AsTask()).ConfigureAwait(false);
        _nodes.Clear();
        if (_anvil is not null) await _anvil.DisposeAsync().ConfigureAwait(false);

        // The listing describes a running devnet; without it a wallet's error says to start one.
        if (File.Exists(NodesFilePath)) File.Delete(NodesFilePath);
        _workloadStop.Dispose();
        _http.Dispose();
    }

    private async Task StartAsync(Action<string> say, CancellationToken cancellationToken)
    {
        Require(() => DevnetTools.Anvil());
        DevnetLayout.CheckPortsFree(Options.L1Port, Specs);
        Directory.CreateDirectory(DataRoot);
        File.Delete(NodesFilePath);
        foreach (var spec in Specs.Where(spec => Directory.Exists(spec.DataDirectory))) Directory.Delete(spec.DataDirectory, recursive: true);

        say($"Starting the L1: anvil on 127.0.0.1:{Options.L1Port} ({Options.BlockTime}-second blocks, Prague).");
        try
        {
            _anvil = await AnvilProcess.StartAsync(Options.L1Port, Options.BlockTime, watchdog: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new DevnetStartupException(e.Message.ReplaceLineEndings(" ").Trim(), e);
        }

        var rpc = new EthRpcClient(_http, new EthRpcOptions { Endpoint = _anvil.Endpoint });

        say("Deploying NetworkManagement, RollupManagement, Bridge and a test token …");
        var deployment = await DevnetL1.DeployAsync(rpc, _anvil.Endpoint, RevealLengths, cancellationToken).ConfigureAwait(false);
        deployment.Save(DeploymentFile);
        say($"  Bridge {deployment.Bridge.ToChecksumString()}, test token {deployment.TestToken?.ToChecksumString()}; deployment file {DeploymentFile}");

        foreach (var spec in Specs)
        {
            say($"Starting {spec.NodeId} ({spec.Role}{(spec.IsGenesisNode ? ", genesis" : string.Empty)}): gateway 127.0.0.1:{spec.GatewayPort}, log {Path.Combine(spec.DataDirectory, "silo.log")}");
            try
            {
                _nodes.Add(await DevnetNode.StartProcessAsync(spec, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new DevnetStartupException($"{spec.NodeId} did not start: {e.Message.ReplaceLineEndings(" ")} (log: {Path.Combine(spec.DataDirectory, "silo.log")})", e);
            }
        }

        NodesFile.Write(NodesFilePath, Specs.Select(spec => spec.ToListing()));
        say($"Nodes listed in {NodesFilePath} (the obscuro CLI finds them there).");

        if (Options.Demo)
        {
            Demo = new DemoActivity();
            var aggregator = NodesFile.Select([.. Specs.Select(spec => spec.ToListing())], null);
            _demoClient = ObscuroClient.Create(new ClientOptions(deployment) { Node = aggregator.ToEndpoint() });
            _workload = Task.Run(() => new DemoWorkload(_demoClient, Demo).RunAsync(_workloadStop.Token), CancellationToken.None);
        }
    }

    private static string RepositoryRoot() => Require(DevnetTools.RepositoryRoot);

    /// <summary>A missing tool or checkout is the operator's to fix: its message is the whole story.</summary>
    private static T Require<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (InvalidOperationException e)
        {
            throw new DevnetStartupException(e.Message.ReplaceLineEndings(" "), e);
        }
    }

    /// <summary>A stop that hangs must not keep the devnet from exiting: the process ends after this anyway.</summary>
    private static async Task Bounded(Task stopping)
    {
        try
        {
            await stopping.WaitAsync(StopTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or ObjectDisposedException or OrleansException)
        {
        }
    }
}
