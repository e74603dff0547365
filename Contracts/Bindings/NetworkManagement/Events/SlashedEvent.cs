using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>Slashed</c>: governance took <paramref name="Amount"/> of a stake and sent it to <paramref name="Recipient"/>.</summary>
public sealed record SlashedEvent(Address EnclaveAddress, Address Recipient, UInt256 Amount, UInt256 RemainingStake, LogOrigin Origin) : IContractEvent;
