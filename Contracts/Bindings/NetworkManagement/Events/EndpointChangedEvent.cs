using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>EndpointChanged</c>: a node's operator changed its gossip endpoint.</summary>
public sealed record EndpointChangedEvent(Address EnclaveAddress, string Endpoint, LogOrigin Origin) : IContractEvent;
