namespace Obscuro.Grains.Attestation;

/// <summary>
/// The verdict on one token: either <see cref="Attestation"/> or a <see cref="Rejection"/> with a detail an operator
/// can act on. The detail names claims and expected values, never key material.
/// </summary>
public sealed class AttestationValidationResult
{
    private AttestationValidationResult(ValidatedAttestation? attestation, AttestationRejection rejection, string detail)
    {
        Attestation = attestation;
        Rejection = rejection;
        Detail = detail;
    }

    public bool IsValid => Attestation is not null;

    public ValidatedAttestation? Attestation { get; }

    public AttestationRejection Rejection { get; }

    public string Detail { get; }

    public static AttestationValidationResult Valid(ValidatedAttestation attestation)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        return new AttestationValidationResult(attestation, AttestationRejection.None, "valid");
    }

    public static AttestationValidationResult Rejected(AttestationRejection rejection, string detail)
    {
        if (rejection == AttestationRejection.None)
        {
            throw new ArgumentOutOfRangeException(nameof(rejection), "A rejection needs a reason.");
        }

        return new AttestationValidationResult(null, rejection, detail);
    }

    /// <summary>Returns the attestation or throws <see cref="AttestationRejectedException"/> with the reason.</summary>
    public ValidatedAttestation ThrowIfRejected() => Attestation ?? throw new AttestationRejectedException(Rejection, Detail);

    public override string ToString() => IsValid ? Attestation!.ToString() : $"rejected ({Rejection}): {Detail}";
}
