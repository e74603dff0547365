using System.Diagnostics.CodeAnalysis;

namespace Obscuro.Grains.Tee;

/// <summary>Conversions between <see cref="TeeKind"/> and its silo-metadata value.</summary>
public static class TeeKinds
{
    public static string ToMetadataValue(this TeeKind kind) => kind switch
    {
        TeeKind.None => "none",
        TeeKind.Simulated => "simulated",
        TeeKind.SevSnp => "sev-snp",
        TeeKind.Tdx => "tdx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown TEE kind."),
    };

    /// <summary>
    /// Parses a metadata value exactly (lower case, as written by silos). Anything else is not a TEE kind, so a typo
    /// such as <c>noen</c> can never make a host silo look like an enclave silo.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out TeeKind kind)
    {
        switch (value)
        {
            case "none":
                kind = TeeKind.None;
                return true;
            case "simulated":
                kind = TeeKind.Simulated;
                return true;
            case "sev-snp":
                kind = TeeKind.SevSnp;
                return true;
            case "tdx":
                kind = TeeKind.Tdx;
                return true;
            default:
                kind = TeeKind.None;
                return false;
        }
    }

    /// <summary>True for a metadata value naming an actual TEE; false for <c>none</c>, a missing value or an unknown one.</summary>
    public static bool IsTee(string? metadataValue) => TryParse(metadataValue, out var kind) && kind != TeeKind.None;
}
