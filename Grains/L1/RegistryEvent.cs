using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.L1;

/// <summary>A NetworkManagement event of a verified L1 block that the enclave's registration and provisioning follow.</summary>
public abstract record RegistryEvent;

/// <summary>
/// <c>SecretRequested</c>: an enclave registered (its operator paid fee and stake) and asks for the master seed.
/// <paramref name="AttestationToken"/> is the token read from the <c>register</c> call that emitted it, checked against
/// <paramref name="AttestationHash"/> (null when that transaction was not a direct call, so its input is not the call);
/// <paramref name="BlockTimestamp"/> is the time of the verified block that carried it, the instant every enclave judges
/// the token's lifetime at.
/// </summary>
public sealed record NodeRegistered(
    Address EnclaveAddress,
    Address Operator,
    byte[] PublicKey,
    Hash256 AttestationHash,
    Hash256 Measurement,
    Hash256 Authority,
    bool IsAggregator,
    string Endpoint,
    byte[]? AttestationToken = null,
    ulong BlockTimestamp = 0) : RegistryEvent;

/// <summary><c>MeasurementAcceptanceChanged</c>: governance accepted or revoked an enclave measurement (the allow-list enclaves check tokens against).</summary>
public sealed record MeasurementAcceptanceChanged(Hash256 Measurement, bool Accepted) : RegistryEvent;

/// <summary><c>AuthorityAcceptanceChanged</c>: governance accepted or revoked an attestation authority (<c>keccak256(issuer)</c>).</summary>
public sealed record AuthorityAcceptanceChanged(Hash256 Authority, bool Accepted) : RegistryEvent;

/// <summary>
/// <c>NetworkInitialized</c>: the first enclave stored the network key. <paramref name="EncryptedSeed"/> is the seed
/// ciphertext read from the <c>initializeNetwork</c> call that emitted it (null when that transaction was not a direct
/// call, so its input is not the call).
/// </summary>
public sealed record NetworkInitialized(Address EnclaveAddress, Address NetworkAddress, byte[] NetworkPublicKey, byte[]? EncryptedSeed) : RegistryEvent;

/// <summary>
/// <c>SecretResponded</c>: <paramref name="Requester"/> is provisioned. <paramref name="EncryptedSeed"/> is read from
/// the <c>respondSecret</c> call that emitted it (null when that transaction was not a direct call).
/// </summary>
public sealed record SecretResponded(Address Requester, Address Responder, byte[]? EncryptedSeed) : RegistryEvent;

/// <summary>
/// <c>RevealParametersSet</c>: governance fixed the reveal interval lengths (rollups, XS to XL) and the default reveal
/// option; it may do so only before the network is initialised, so the last one before initialisation holds for ever.
/// </summary>
public sealed record RevealParametersFixed(IReadOnlyList<ulong> Lengths, Protocol.Crypto.RevealOption DefaultOption) : RegistryEvent;
