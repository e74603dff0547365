using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>StakeAdded</c>: <paramref name="Amount"/> was added; <paramref name="Stake"/> is the new total.</summary>
public sealed record StakeAddedEvent(Address EnclaveAddress, UInt256 Amount, UInt256 Stake, LogOrigin Origin) : IContractEvent;
