using Obscuro.Grains.Tee;

namespace Obscuro.Grains.Host;

/// <summary>
/// Public summary of a node. It asks the (internal) silo directory rather than exposing it, and asks the enclave for
/// its identity only while an enclave silo is active, so the summary still answers when the enclave is down.
/// </summary>
public sealed class NodeInfoGrain : Grain, INodeInfoGrain
{
    async Task<NodeInfo> INodeInfoGrain.GetNodeInfoAsync()
    {
        var nodeId = this.GetPrimaryKeyString();
        var silos = await GrainFactory.GetGrain<ISiloDirectoryGrain>(0).GetSilosAsync();
        var active = silos.Where(silo => silo.Status == nameof(SiloStatus.Active)).ToList();
        var enclaveSilos = active.Count(silo => TeeKinds.IsTee(silo.Tee));
        var enclave = enclaveSilos > 0
            ? await GrainFactory.GetGrain<IEnclaveIdentityGrain>(nodeId).GetIdentityAsync()
            : null;
        return new NodeInfo(nodeId, active.Count - enclaveSilos, enclaveSilos, enclave);
    }
}
