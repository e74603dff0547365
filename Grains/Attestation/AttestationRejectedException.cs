namespace Obscuro.Grains.Attestation;

/// <summary>An attestation token was refused; <see cref="Rejection"/> says why.</summary>
public sealed class AttestationRejectedException : Exception
{
    public AttestationRejectedException()
        : this(AttestationRejection.Malformed, "The attestation token was rejected.")
    {
    }

    public AttestationRejectedException(string message)
        : this(AttestationRejection.Malformed, message)
    {
    }

    public AttestationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rejection = AttestationRejection.Malformed;
    }

    public AttestationRejectedException(AttestationRejection rejection, string detail)
        : base($"Attestation token rejected ({rejection}): {detail}")
    {
        Rejection = rejection;
    }

    public AttestationRejection Rejection { get; }
}
