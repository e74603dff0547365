namespace Obscuro.Grains.Attestation;

/// <summary>
/// The claim names of Microsoft Azure Attestation (MAA) tokens that this code reads. The simulated authority issues
/// tokens with the same names, so one validator serves both. Claims from <c>attest/SevSnpVm</c> and
/// <c>attest/TdxVm</c> are top-level; <see cref="Runtime"/> is a JSON object mirroring the HCL runtime data.
/// </summary>
public static class AttestationClaimNames
{
    public const string Issuer = "iss";
    public const string IssuedAt = "iat";
    public const string NotBefore = "nbf";
    public const string Expires = "exp";

    /// <summary><c>sevsnpvm</c>, <c>tdxvm</c>, or <c>simulated</c> from the devnet authority.</summary>
    public const string AttestationType = "x-ms-attestation-type";

    /// <summary><c>azure-compliant-cvm</c> when MAA's default CVM policy accepted the evidence.</summary>
    public const string ComplianceStatus = "x-ms-compliance-status";

    /// <summary>The runtime data object (<c>keys</c>, <c>vm-configuration</c>, <c>user-data</c>).</summary>
    public const string Runtime = "x-ms-runtime";

    /// <summary>Inside <see cref="Runtime"/>: the 64 bytes written to vTPM NV index 0x01400002, as hex.</summary>
    public const string RuntimeUserData = "user-data";

    /// <summary>Inside <see cref="Runtime"/>: the public keys the HCL (or the simulated TEE) reported, as JWKs.</summary>
    public const string RuntimeKeys = "keys";

    public const string SevSnpLaunchMeasurement = "x-ms-sevsnpvm-launchmeasurement";
    public const string SevSnpIsDebuggable = "x-ms-sevsnpvm-is-debuggable";
    public const string TdxMrTd = "tdx_mrtd";
    public const string TdxIsDebuggable = "tdx_td_attributes_debug";

    public const string VmId = "x-ms-azurevm-vmid";
    public const string PolicyHash = "x-ms-policy-hash";
}
