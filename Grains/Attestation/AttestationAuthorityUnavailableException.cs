namespace Obscuro.Grains.Attestation;

/// <summary>
/// The authority's signing keys could not be fetched, so no verdict was reached. This is not a rejection of the token:
/// the caller may try again later (an enclave deciding on a seed request simply does not answer yet).
/// </summary>
public sealed class AttestationAuthorityUnavailableException : Exception
{
    public AttestationAuthorityUnavailableException()
        : base("The attestation authority's signing keys could not be fetched.")
    {
    }

    public AttestationAuthorityUnavailableException(string message)
        : base(message)
    {
    }

    public AttestationAuthorityUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
