namespace Obscuro.Client.Configuration;

/// <summary>
/// How to reach one node (one Orleans cluster): its node id (the key of its public grains), the cluster and service
/// ids its silos run with, and the gateways of its host silos.
/// </summary>
public sealed record NodeEndpoint(string Id, string ClusterId, string ServiceId, IReadOnlyList<GatewayAddress> Gateways)
{
    /// <summary>
    /// The devnet's first aggregator as its default layout places it (<c>aggregator-1</c> of cluster
    /// <c>obscuro-devnet-aggregator-1</c>, service <c>obscuro-aggregator-1</c>, gateway 127.0.0.1:30000), for when no
    /// <c>nodes.json</c> says otherwise.
    /// </summary>
    public static NodeEndpoint DevnetDefault { get; } = new("aggregator-1", "obscuro-devnet-aggregator-1", "obscuro-aggregator-1", [new GatewayAddress("127.0.0.1", 30000)]);

    /// <summary>
    /// The running devnet's first aggregator, as the <c>nodes.json</c> beside the default deployment file lists it
    /// (<see cref="DeploymentFile.FindDefault"/>: <c>$OBSCURO_DEPLOYMENT</c>, else <c>.devnet/</c> here or above);
    /// <see cref="DevnetDefault"/> when there is none. Read on each use: devnets come and go.
    /// </summary>
    public static NodeEndpoint Devnet =>
        DeploymentFile.FindDefault() is { } deployment && NodesFile.TryReadBeside(deployment) is { } nodes
            ? NodesFile.Select(nodes, null).ToEndpoint()
            : DevnetDefault;
}
