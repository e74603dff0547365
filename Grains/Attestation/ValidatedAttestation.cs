using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Attestation;

/// <summary>An attestation token that passed every check, with the values the checks established.</summary>
public sealed class ValidatedAttestation
{
    internal ValidatedAttestation(
        string token,
        string issuer,
        string keyId,
        AttestationProfile profile,
        byte[] measurement,
        byte[] userData,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        string? vmId,
        string? policyHash)
    {
        Token = token;
        Issuer = issuer;
        KeyId = keyId;
        Profile = profile;
        Measurement = measurement;
        UserData = userData;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        VmId = vmId;
        PolicyHash = policyHash;
        Registration = AttestationRegistration.From(this);
    }

    /// <summary>The compact token exactly as validated (its UTF-8 bytes are what <see cref="AttestationRegistration.AttestationHash"/> hashes).</summary>
    public string Token { get; }

    public string Issuer { get; }

    /// <summary>The <c>kid</c> of the authority key that signed the token.</summary>
    public string KeyId { get; }

    public AttestationProfile Profile { get; }

    /// <summary>The raw launch measurement (48 bytes: SNP launch digest or TDX MRTD).</summary>
    public ReadOnlyMemory<byte> Measurement { get; }

    /// <summary>The 64 bytes of <c>x-ms-runtime.user-data</c> (equal to the expected <see cref="EnclaveKeyBinding"/>).</summary>
    public ReadOnlyMemory<byte> UserData { get; }

    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    public string? VmId { get; }

    public string? PolicyHash { get; }

    /// <summary>The values recorded on NetworkManagement for this token.</summary>
    public AttestationRegistration Registration { get; }

    public override string ToString() =>
        $"{Profile.AttestationType} attestation by {Issuer} (kid {KeyId}), measurement {Hex.Encode(Measurement.Span, prefix: false)}, expires {ExpiresAt:O}";
}
