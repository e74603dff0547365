namespace Obscuro.Grains;

/// <summary>
/// What anyone may learn about a node, keyed by node id: how many host and enclave silos it runs and, while an
/// enclave silo is up, its enclave identity. Runs on host silos.
/// </summary>
[PublicApi]
[Alias("Obscuro.INodeInfoGrain")]
public interface INodeInfoGrain : IGrainWithStringKey
{
    [Alias("GetNodeInfo")]
    Task<NodeInfo> GetNodeInfoAsync();
}
