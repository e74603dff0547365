using System.Security.Cryptography;

namespace Obscuro.Silo.Tee.Simulated;

/// <summary>Configuration section <c>Obscuro:Simulated</c>: where the simulated TEE gets its attestation tokens.</summary>
public sealed class SimulatedTeeSettings
{
    /// <summary>The devnet's launch measurement: SHA-384 of "Obscuro simulated enclave v1" (96 hex digits).</summary>
    public static readonly string DefaultLaunchMeasurement = Convert.ToHexStringLower(SHA384.HashData("Obscuro simulated enclave v1"u8));

    /// <summary>The simulated attestation authority's base URI (its issuer); empty means this TEE cannot attest to others.</summary>
    public string AttestationAuthority { get; set; } = string.Empty;

    /// <summary>The measurement this simulated enclave claims; a devnet node with another one is refused by the L1 allow-list.</summary>
    public string LaunchMeasurement { get; set; } = DefaultLaunchMeasurement;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(AttestationAuthority) && !Uri.TryCreate(AttestationAuthority, UriKind.Absolute, out _))
        {
            errors.Add($"Obscuro:Simulated:AttestationAuthority '{AttestationAuthority}' is not an absolute URI.");
        }

        if (LaunchMeasurement.Length != 96 || !LaunchMeasurement.All(char.IsAsciiHexDigit))
        {
            errors.Add("Obscuro:Simulated:LaunchMeasurement must be 96 hex digits (48 bytes).");
        }

        return errors;
    }
}
