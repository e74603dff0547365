using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>GovernanceTransferred</c>: governance of the whole contract set is now <paramref name="Current"/>.</summary>
public sealed record GovernanceTransferredEvent(Address Previous, Address Current, LogOrigin Origin) : IContractEvent;
