using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>StakeWithdrawn</c>: an unbonded aggregator's stake went back to its operator.</summary>
public sealed record StakeWithdrawnEvent(Address EnclaveAddress, Address Operator, UInt256 Amount, LogOrigin Origin) : IContractEvent;
