namespace Obscuro.Silo.Tee.Azure;

/// <summary>Configuration section <c>Obscuro:Azure</c>: what an enclave silo on an Azure confidential VM talks to.</summary>
public sealed class AzureTeeSettings
{
    public const string SectionName = "Obscuro:Azure";

    /// <summary>The attestation provider, e.g. <c>https://obscuroprod.weu.attest.azure.net</c>; also the pinned token issuer.</summary>
    public string AttestationEndpoint { get; set; } = string.Empty;

    public string AttestationApiVersion { get; set; } = MaaClientOptions.DefaultApiVersion;

    /// <summary>The Managed HSM (or Key Vault Premium) holding the seed custody key, e.g. <c>https://obscuro.managedhsm.azure.net</c>.</summary>
    public string KeyVaultUri { get; set; } = string.Empty;

    public string KeyVaultApiVersion { get; set; } = KeyVault.KeyVaultKeysClientOptions.DefaultApiVersion;

    /// <summary>The custody key's name in the HSM.</summary>
    public string KeyName { get; set; } = string.Empty;

    /// <summary>A pinned key version; empty uses the latest (wrapping records the version it used, unwrapping uses that).</summary>
    public string KeyVersion { get; set; } = string.Empty;

    public SeedCustodyMode CustodyMode { get; set; } = SeedCustodyMode.Unwrap;

    /// <summary>For <see cref="SeedCustodyMode.Unwrap"/>: RSA-OAEP-256 (RSA-HSM key) or A256KW (oct-HSM key, Managed HSM only).</summary>
    public string WrapAlgorithm { get; set; } = "RSA-OAEP-256";

    /// <summary>For <see cref="SeedCustodyMode.Release"/>: the vTPM persistent handle of the transfer key named in the token.</summary>
    public uint TransferKeyHandle { get; set; }

    /// <summary>The client id of the silo's user-assigned managed identity; empty uses the system-assigned one.</summary>
    public string ManagedIdentityClientId { get; set; } = string.Empty;

    public string ImdsEndpoint { get; set; } = ImdsClientOptions.DefaultEndpoint.AbsoluteUri;

    /// <summary>How long a successful self-attestation stands before <c>VerifyAttestationAsync</c> attests again.</summary>
    public TimeSpan ReattestInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Every configuration mistake at once; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(AttestationEndpoint, UriKind.Absolute, out var attestation) || attestation.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{SectionName}:AttestationEndpoint must be the https URI of the attestation provider (got '{AttestationEndpoint}').");
        }

        if (!Uri.TryCreate(KeyVaultUri, UriKind.Absolute, out var vault) || vault.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{SectionName}:KeyVaultUri must be the https URI of the Managed HSM or Key Vault (got '{KeyVaultUri}').");
        }

        if (string.IsNullOrWhiteSpace(KeyName))
        {
            errors.Add($"{SectionName}:KeyName is required: the HSM key that guards the sealing key.");
        }

        if (!Enum.IsDefined(CustodyMode))
        {
            errors.Add($"{SectionName}:CustodyMode '{CustodyMode}' is not one of Unwrap, Release.");
        }

        if (CustodyMode == SeedCustodyMode.Release && TransferKeyHandle == 0)
        {
            errors.Add($"{SectionName}:TransferKeyHandle is required with CustodyMode Release (the vTPM handle of the key the HSM wraps the release to).");
        }

        if (CustodyMode == SeedCustodyMode.Unwrap && WrapAlgorithm is not ("RSA-OAEP-256" or "A256KW"))
        {
            errors.Add($"{SectionName}:WrapAlgorithm '{WrapAlgorithm}' is not RSA-OAEP-256 or A256KW.");
        }

        if (ReattestInterval <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:ReattestInterval must be positive.");
        }

        return errors;
    }
}
