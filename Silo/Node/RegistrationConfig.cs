namespace Obscuro.Silo.Node;

/// <summary>
/// Configuration section <c>Obscuro:Node:Registration</c>: what the enclave registers the node with on
/// NetworkManagement (all public). Hex for bytes; wei as decimal strings.
/// </summary>
public sealed class RegistrationConfig
{
    /// <summary>
    /// Optional: an attestation token's bytes, hex, to register with as given. Empty (the normal case): the enclave gets
    /// a fresh token from its TEE's attestation authority, bound to its enclave key.
    /// </summary>
    public string? AttestationToken { get; set; }

    /// <summary>The enclave measurement governance accepts, 32 bytes hex; default: the deployment file's.</summary>
    public string? Measurement { get; set; }

    /// <summary>The attestation authority governance accepts, 32 bytes hex; default: the deployment file's.</summary>
    public string? Authority { get; set; }

    /// <summary>The node's gossip endpoint (aggregators); empty for a verifier.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>Stake in wei: required for an aggregator (at least the minimum stake), zero for a verifier.</summary>
    public string? Stake { get; set; }

    /// <summary>Registration fee in wei (required).</summary>
    public string? Fee { get; set; }
}
