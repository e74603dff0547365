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
    ulong RegisteredAt)
{
    /// <summary>The token's bytes from the <c>register</c> call's input (hash checked); null when the call was not a direct one.</summary>
    public byte[]? AttestationToken { get; init; }

    /// <summary>The timestamp of the block that carried the registration: the instant the token's lifetime is judged at.</summary>
    public DateTimeOffset RegisteredAtTime { get; init; }
}
