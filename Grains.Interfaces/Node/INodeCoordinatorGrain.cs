namespace Obscuro.Grains.Node;

/// <summary>
/// Host side, keyed by node id: the node's control loop. Consumes the L1 block stream, has the enclave ingest each
/// block, and passes the outcome on (mempool clean-up, rollup records, enclave-requested L1 calls, publishing on a new
/// head when the node is an aggregator).
/// </summary>
[Alias("Obscuro.INodeCoordinatorGrain")]
public interface INodeCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the enclave and the L1 watcher; idempotent. Called by the host silo at start-up.</summary>
    [Alias("Start")]
    Task StartAsync(NetworkSettings settings);

    [Alias("GetStatus")]
    Task<NodeStatus> GetStatusAsync();
}
