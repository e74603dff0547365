using Obscuro.Grains.Host;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;

namespace Obscuro.Grains.Vault;

/// <summary>
/// One node's share of the <see cref="EnclaveVault"/>. Written only by that node's enclave grain (configure once,
/// provision once, publish each new head); read by any worker at any time, so each part is an immutable object behind
/// a volatile reference. An activation of the enclave grain that ends leaves its vault in place: nothing in it is less
/// valid for that, and admission and queries keep answering from the last L1-included head until the next activation
/// republishes it.
/// </summary>
public sealed class NodeVault : IDisposable
{
    private readonly Lock _gate = new();
    private NodeNetwork? _network;
    private NodeSecrets? _secrets;
    private VaultHead _head = VaultHead.Empty;

    internal NodeVault(string nodeId)
    {
        NodeId = nodeId;
    }

    public string NodeId { get; }

    /// <summary>The node's network and its public rules; null until its enclave grain has started.</summary>
    public NodeNetwork? Network => Volatile.Read(ref _network);

    /// <summary>The network secrets; null until the enclave holds the master seed.</summary>
    public NodeSecrets? Secrets => Volatile.Read(ref _secrets);

    public VaultHead Head => Volatile.Read(ref _head);

    public bool IsProvisioned => Secrets is not null;

    /// <summary>Sets the node's network from its settings; the same settings again keep the existing one.</summary>
    /// <exception cref="InvalidOperationException">Different settings for a node that already has some.</exception>
    public NodeNetwork Configure(NetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            if (_network is { } existing)
            {
                return NetworkSettingsComparison.Same(existing.Settings, settings)
                    ? existing
                    : throw new InvalidOperationException($"Node {NodeId} already runs with other network settings; settings must not change.");
            }

            var network = NodeNetwork.From(settings);
            Volatile.Write(ref _network, network);
            return network;
        }
    }

    /// <summary>
    /// Derives the network secrets from the seed, once. A later call (the enclave grain reactivated) with the same seed
    /// keeps the secrets already in use, which workers may be reading right now; a different seed is refused.
    /// </summary>
    public NodeSecrets Provision(MasterSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (_gate)
        {
            var fresh = new NodeSecrets(seed);
            if (_secrets is not { } existing)
            {
                Volatile.Write(ref _secrets, fresh);
                return fresh;
            }

            var same = existing.NetworkAddress == fresh.NetworkAddress;
            fresh.Dispose();
            return same ? existing : throw new InvalidOperationException($"Node {NodeId} is already provisioned with another network's seed.");
        }
    }

    public void PublishHead(VaultHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        Volatile.Write(ref _head, head);
    }

    public void Dispose() => Volatile.Read(ref _secrets)?.Dispose();

    public override string ToString() => $"NodeVault({NodeId}, provisioned: {IsProvisioned}, contents redacted)";
}
