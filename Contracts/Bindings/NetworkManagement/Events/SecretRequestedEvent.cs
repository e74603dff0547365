using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// NetworkManagement <c>SecretRequested</c>: a node registered and asks the provisioned enclaves for the master seed,
/// encrypted to <paramref name="EnclavePublicKey"/>. <paramref name="Stake"/> is zero for a verifier.
/// </summary>
public sealed record SecretRequestedEvent(
    Address EnclaveAddress,
    Address Operator,
    ReadOnlyMemory<byte> EnclavePublicKey,
    Hash256 AttestationHash,
    Hash256 Measurement,
    Hash256 Authority,
    bool IsAggregator,
    string Endpoint,
    UInt256 Stake,
    LogOrigin Origin) : IContractEvent;
