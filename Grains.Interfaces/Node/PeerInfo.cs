using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// A node as NetworkManagement registered it, from the enclave's verified view of L1 (public data): its enclave key
/// address, the operator account that registered it, whether it is an aggregator and holds the seed, and its gossip
/// endpoint. The host uses it to find peers and to recognise who sent a gossip message.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.PeerInfo")]
public sealed record PeerInfo(
    [property: Id(0)] Address EnclaveAddress,
    [property: Id(1)] Address Operator,
    [property: Id(2)] bool IsAggregator,
    [property: Id(3)] bool Provisioned,
    [property: Id(4)] string Endpoint);
