namespace Obscuro.Grains.Tee;

/// <summary>The trusted execution environment a silo runs in, as advertised in its silo metadata.</summary>
public enum TeeKind
{
    /// <summary>No TEE: a host silo. Metadata value <c>none</c>.</summary>
    None,

    /// <summary>A development stand-in with no hardware protection. Metadata value <c>simulated</c>.</summary>
    Simulated,

    /// <summary>An AMD SEV-SNP confidential VM. Metadata value <c>sev-snp</c>.</summary>
    SevSnp,

    /// <summary>An Intel TDX confidential VM. Metadata value <c>tdx</c>.</summary>
    Tdx,
}
