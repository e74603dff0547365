namespace Obscuro.Grains.Attestation;

/// <summary>
/// What a token of one attestation type must say: its <c>x-ms-attestation-type</c>, the compliance status MAA gives
/// such a VM, and which claims hold the launch measurement and the debug flag. A validator accepts only the profiles
/// it is configured with; <see cref="Simulated"/> only in a devnet configuration.
/// </summary>
public sealed class AttestationProfile
{
    private AttestationProfile(string attestationType, string complianceStatus, string measurementClaim, string debuggableClaim, int measurementSize)
    {
        AttestationType = attestationType;
        ComplianceStatus = complianceStatus;
        MeasurementClaim = measurementClaim;
        DebuggableClaim = debuggableClaim;
        MeasurementSize = measurementSize;
    }

    /// <summary>AMD SEV-SNP confidential VM attested by MAA <c>attest/SevSnpVm</c>.</summary>
    public static AttestationProfile SevSnpVm { get; } = new(
        "sevsnpvm", "azure-compliant-cvm", AttestationClaimNames.SevSnpLaunchMeasurement, AttestationClaimNames.SevSnpIsDebuggable, 48);

    /// <summary>Intel TDX confidential VM attested by MAA <c>attest/TdxVm</c> (measurement = MRTD).</summary>
    public static AttestationProfile TdxVm { get; } = new(
        "tdxvm", "azure-compliant-cvm", AttestationClaimNames.TdxMrTd, AttestationClaimNames.TdxIsDebuggable, 48);

    /// <summary>
    /// The devnet's simulated TEE attested by the simulated authority: SEV-SNP claim names, its own type and status,
    /// so that no Azure-configured validator can ever accept it.
    /// </summary>
    public static AttestationProfile Simulated { get; } = new(
        "simulated", "simulated-insecure", AttestationClaimNames.SevSnpLaunchMeasurement, AttestationClaimNames.SevSnpIsDebuggable, 48);

    public static IReadOnlyList<AttestationProfile> All { get; } = [SevSnpVm, TdxVm, Simulated];

    public string AttestationType { get; }

    public string ComplianceStatus { get; }

    public string MeasurementClaim { get; }

    public string DebuggableClaim { get; }

    /// <summary>Bytes of the launch measurement (SHA-384 for both SNP and TDX).</summary>
    public int MeasurementSize { get; }

    public static AttestationProfile? FindByType(string attestationType) =>
        All.FirstOrDefault(profile => string.Equals(profile.AttestationType, attestationType, StringComparison.Ordinal));

    public override string ToString() => AttestationType;
}
