using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>SecretResponded</c>: <paramref name="Requester"/> is provisioned; the responder's operator got <paramref name="Fee"/>.</summary>
public sealed record SecretRespondedEvent(Address Requester, Address Responder, Address ResponderOperator, UInt256 Fee, LogOrigin Origin) : IContractEvent;
