namespace Obscuro.Client.Configuration;

/// <summary>
/// One node as a running devnet lists it in <c>nodes.json</c>: what a wallet needs to reach it (<see cref="ToEndpoint"/>)
/// plus its role, so tools can pick an aggregator without connecting first.
/// </summary>
/// <param name="Role"><c>aggregator</c> or <c>verifier</c>.</param>
public sealed record NodeListing(string Id, string Role, bool IsGenesis, string ClusterId, string ServiceId, IReadOnlyList<GatewayAddress> Gateways)
{
    public const string AggregatorRole = "aggregator";
    public const string VerifierRole = "verifier";

    public bool IsAggregator => string.Equals(Role, AggregatorRole, StringComparison.Ordinal);

    public NodeEndpoint ToEndpoint() => new(Id, ClusterId, ServiceId, Gateways);
}
