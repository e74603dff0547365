namespace Obscuro.Client.Configuration;

/// <summary>
/// How to reach one node (one Orleans cluster): its node id (the key of its public grains), the cluster and service
/// ids its silos run with, and the gateways of its host silos.
/// </summary>
public sealed record NodeEndpoint(string Id, string ClusterId, string ServiceId, IReadOnlyList<GatewayAddress> Gateways)
{
    /// <summary>The devnet's node: <c>node-0</c> of cluster <c>obscuro-devnet</c>, service <c>obscuro</c>, gateway 127.0.0.1:30000.</summary>
    public static NodeEndpoint Devnet { get; } = new("node-0", "obscuro-devnet", "obscuro", [new GatewayAddress("127.0.0.1", 30000)]);
}
