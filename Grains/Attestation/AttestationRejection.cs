namespace Obscuro.Grains.Attestation;

/// <summary>Why an attestation token was refused. Each value has a test.</summary>
public enum AttestationRejection
{
    None,

    /// <summary>Not a compact JWS, not JSON, too long, or a claim of the wrong JSON type.</summary>
    Malformed,

    /// <summary>The header's <c>alg</c> is not RS256 (this includes <c>none</c> and every HMAC algorithm).</summary>
    AlgorithmNotAllowed,

    /// <summary>The header has no <c>kid</c>.</summary>
    MissingKeyId,

    /// <summary><c>iss</c> is not the pinned issuer.</summary>
    WrongIssuer,

    /// <summary>The authority's key set has no key with the token's <c>kid</c>, even after a refresh.</summary>
    UnknownKeyId,

    /// <summary>The signature does not verify under the authority's key with that <c>kid</c>.</summary>
    BadSignature,

    Expired,
    NotYetValid,

    /// <summary>A required claim is absent (the detail names it).</summary>
    MissingClaim,

    /// <summary><c>x-ms-attestation-type</c> is not one this validator is configured to accept.</summary>
    AttestationTypeNotAccepted,

    /// <summary><c>x-ms-compliance-status</c> is not the one required for the attestation type.</summary>
    NotCompliant,

    /// <summary>The TEE is debuggable: its memory is open to the host.</summary>
    Debuggable,

    /// <summary>The launch measurement is not in the caller's allow-list (for enclaves: the L1 governance list).</summary>
    MeasurementNotAllowed,

    /// <summary><c>x-ms-runtime.user-data</c> does not bind the presented enclave key with the expected nonce.</summary>
    UserDataMismatch,
}
