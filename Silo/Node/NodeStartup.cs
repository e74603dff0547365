using Microsoft.Extensions.Logging;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Host;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Node;

/// <summary>
/// Starts the node once this host silo is active: reads the L1 chain id and the anchor block from the L1 node (and
/// checks them against the configuration), then calls <see cref="INodeCoordinatorGrain.StartAsync"/>, which starts the
/// enclave and the L1 watcher. It retries with backoff (L1 unreachable, no enclave silo up yet) and says why in the
/// log, never blocking the silo's own start. Every host silo of the node does this; the coordinator's start is idempotent.
/// </summary>
internal sealed partial class NodeStartup(
    NodeConfiguration configuration,
    string nodeId,
    L1Services l1,
    IGrainFactory grainFactory,
    ILogger<NodeStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NodeStartup), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    public void Dispose() => _stopping.Dispose();

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        var waitingForEnclave = false;
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                var settings = await ResolveSettingsAsync(stopping);
                await grainFactory.GetGrain<INodeCoordinatorGrain>(nodeId).StartAsync(settings);
                LogStarted(logger, nodeId, settings.IsAggregator ? NodeSettings.Aggregator : NodeSettings.Verifier, settings.Operator, settings.RollupManagement);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ArgumentException e) when (e.Message.Contains("network settings cannot change", StringComparison.Ordinal))
            {
                // A configuration error retrying cannot fix.
                LogSettingsChanged(logger, nodeId, e.Message);
                return;
            }
            catch (Exception e) when (IsNoEnclaveSilo(e))
            {
                if (!waitingForEnclave)
                {
                    LogWaitingForEnclave(logger, nodeId);
                    waitingForEnclave = true;
                }
            }
            catch (L1UnavailableException e)
            {
                LogL1Unavailable(logger, nodeId, attempt, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStartFailed(logger, nodeId, attempt, e.GetType().Name, e.Message);
            }

            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, delay.Ticks * 2));
        }
    }

    private async Task<NetworkSettings> ResolveSettingsAsync(CancellationToken cancellationToken)
    {
        var deployment = configuration.Deployment!;
        var rpc = l1.Rpc;
        var chainId = await rpc.GetChainIdAsync(cancellationToken);
        if (chainId != deployment.L1ChainId || (configuration.L1.ChainId is { } configured && configured != chainId))
        {
            throw new InvalidOperationException(
                $"The L1 node at {rpc.EndpointName} serves chain {chainId}, but the deployment file is for chain {deployment.L1ChainId}" +
                (configuration.L1.ChainId is { } c ? $" and Obscuro:L1:ChainId is {c}." : "."));
        }

        var anchor = await rpc.GetBlockByHashAsync(deployment.AnchorHash, cancellationToken)
            ?? throw new InvalidOperationException(
                $"The L1 node at {rpc.EndpointName} does not know the anchor block {deployment.AnchorNumber} ({deployment.AnchorHash}) of the deployment file: " +
                "it serves another chain, or the chain was reset after the deployment.");
        if (anchor.Number != deployment.AnchorNumber)
        {
            throw new InvalidOperationException($"The deployment file says the anchor {deployment.AnchorHash} is block {deployment.AnchorNumber}; the L1 node says {anchor.Number}.");
        }

        return configuration.ToSettings(chainId, new L1BlockNotice(anchor.Hash, anchor.ParentHash, anchor.Number));
    }

    /// <summary>
    /// The enclave grains cannot be placed: no TEE silo is active ("No active nodes are compatible …"), or none has
    /// joined yet, so the cluster manifest lists no implementation of the enclave interfaces.
    /// </summary>
    private static bool IsNoEnclaveSilo(Exception e) =>
        e.GetBaseException() is var error
        && ((error is OrleansException && error.Message.Contains("No active nodes are compatible", StringComparison.Ordinal))
            || (error is ArgumentException && error.Message.Contains("Could not find an implementation", StringComparison.Ordinal)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} is running as {Kind}, operator {Operator}, RollupManagement {RollupManagement}")]
    private static partial void LogStarted(ILogger logger, string nodeId, string kind, Address @operator, Address rollupManagement);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} is waiting for an enclave silo: no TEE silo is active in the cluster yet; retrying")]
    private static partial void LogWaitingForEnclave(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} cannot reach its L1 node yet (attempt {Attempt}): {Message}")]
    private static partial void LogL1Unavailable(ILogger logger, string nodeId, int attempt, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} did not start (attempt {Attempt}, {Error}): {Message}; retrying")]
    private static partial void LogStartFailed(ILogger logger, string nodeId, int attempt, string error, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Node {NodeId} will not start: {Message}")]
    private static partial void LogSettingsChanged(ILogger logger, string nodeId, string message);
}
