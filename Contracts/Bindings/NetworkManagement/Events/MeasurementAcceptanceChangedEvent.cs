using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>MeasurementAcceptanceChanged</c>: governance accepted or revoked an enclave measurement.</summary>
public sealed record MeasurementAcceptanceChangedEvent(Hash256 Measurement, bool Accepted, LogOrigin Origin) : IContractEvent;
