using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>NetworkInitialized</c>: the first node stored the network key (once per deployment).</summary>
public sealed record NetworkInitializedEvent(Address EnclaveAddress, Address NetworkAddress, ReadOnlyMemory<byte> NetworkPublicKey, LogOrigin Origin) : IContractEvent;
