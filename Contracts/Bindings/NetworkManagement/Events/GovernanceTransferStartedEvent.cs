using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>GovernanceTransferStarted</c>: <paramref name="Pending"/> may accept governance (zero cancels).</summary>
public sealed record GovernanceTransferStartedEvent(Address Current, Address Pending, LogOrigin Origin) : IContractEvent;
