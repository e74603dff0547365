using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>AuthorityAcceptanceChanged</c>: governance accepted or revoked an attestation authority.</summary>
public sealed record AuthorityAcceptanceChangedEvent(Hash256 Authority, bool Accepted, LogOrigin Origin) : IContractEvent;
