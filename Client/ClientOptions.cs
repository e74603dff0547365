using Obscuro.Client.Configuration;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Protocol.Crypto;

namespace Obscuro.Client;

/// <summary>Where the network is and how patient the client is. Only <see cref="Deployment"/> is required.</summary>
public sealed record ClientOptions(NetworkDeployment Deployment)
{
    /// <summary>The L1 JSON-RPC endpoint; the deployment file's <c>l1Endpoint</c> when null.</summary>
    public Uri? L1Rpc { get; init; }

    /// <summary>The node to use; the devnet's (<see cref="NodeEndpoint.Devnet"/>) when null.</summary>
    public NodeEndpoint? Node { get; init; }

    public WaitOptions Wait { get; init; } = new();

    /// <summary>How L1 transactions (deposits, finalisations) are priced, waited for and bumped.</summary>
    public L1SenderOptions L1Sender { get; init; } = new();

    /// <summary>Retries of the L1 JSON-RPC client before the L1 counts as unavailable.</summary>
    public int L1MaxAttempts { get; init; } = 3;

    public TimeSpan L1RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan NodeConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan NodeCallRetryWindow { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Source of ECIES ephemeral keys and request ids; the system CSPRNG unless a test pins the bytes.</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;
}
