using Obscuro.Client.Configuration;

namespace Obscuro.Client.Node;

/// <summary>How the client reaches a node through its Orleans gateways and how long it keeps trying.</summary>
public sealed record NodeConnectionOptions(NodeEndpoint Node)
{
    /// <summary>How long connecting may take before the node counts as unavailable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one call may go on retrying after gateway failures (a reconnect) before giving up.</summary>
    public TimeSpan CallRetryWindow { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The Orleans response timeout of one call.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the client refreshes its view of the cluster's grain types. Orleans' default is a minute, during which
    /// a client that connected before the node's enclave silo joined cannot resolve the enclave grain types.
    /// </summary>
    public TimeSpan TypeMapRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);
}
