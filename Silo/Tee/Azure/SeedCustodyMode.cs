namespace Obscuro.Silo.Tee.Azure;

/// <summary>How an Azure enclave silo obtains the key-encryption key that seals its secrets.</summary>
public enum SeedCustodyMode
{
    /// <summary>
    /// Identity-bound: a random KEK, wrapped by a non-exportable HSM key, kept wrapped on local disk; unwrapped by the
    /// HSM for the silo's managed identity (role Managed HSM Crypto User) at each start.
    /// </summary>
    Unwrap,

    /// <summary>
    /// Attestation-bound: the KEK is an exportable HSM key with a release policy; the HSM releases it only against an
    /// MAA token that satisfies the policy, wrapped to the vTPM transfer key named in that token.
    /// </summary>
    Release,
}
