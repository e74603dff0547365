using System.Collections.Concurrent;

namespace Obscuro.Grains.Vault;

/// <summary>
/// The silo-local home of what a node's enclave grain has derived and the workers beside it need: one
/// <see cref="NodeVault"/> per node id, in the memory of the enclave silo (a singleton service, registered on enclave
/// silos only). It exists because admission and query workers are stateless and run on every core: asking the
/// (single-threaded) enclave grain for the network key or the head state on every submission would serialise them all.
/// Placement keeps every enclave grain of a node on its primary TEE silo, so the workers always find the vault their
/// enclave grain filled. Nothing here is persisted, logged or printed.
/// </summary>
public sealed class EnclaveVault : IDisposable
{
    private readonly ConcurrentDictionary<string, NodeVault> _nodes = new(StringComparer.Ordinal);

    /// <summary>The node's vault, created empty on first use. Only the node's enclave grain opens it to write.</summary>
    public NodeVault Open(string nodeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return _nodes.GetOrAdd(nodeId, static id => new NodeVault(id));
    }

    /// <summary>The node's vault if its enclave grain has opened it on this silo; readers use this.</summary>
    public NodeVault? Find(string nodeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return _nodes.GetValueOrDefault(nodeId);
    }

    public void Dispose()
    {
        foreach (var node in _nodes.Values)
        {
            node.Dispose();
        }

        _nodes.Clear();
    }

    public override string ToString() => $"EnclaveVault({_nodes.Count} node(s), contents redacted)";
}
