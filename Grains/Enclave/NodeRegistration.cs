using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>An enclave registered on NetworkManagement, as a verified <c>SecretRequested</c> event shows it (all public).</summary>
public sealed record NodeRegistration(
    Address EnclaveAddress,
    Address Operator,
    byte[] PublicKey,
    Hash256 AttestationHash,
    Hash256 Measurement,
    Hash256 Authority,
    bool IsAggregator,
    string Endpoint,
    ulong RegisteredAt);
