namespace Obscuro.Silo.Tee.Azure;

/// <summary>The hardware report an Azure CVM's paravisor (HCL) embeds, as its runtime-data header names it.</summary>
public enum HclReportType
{
    /// <summary>An AMD SEV-SNP attestation report (1184 bytes).</summary>
    SevSnp = 2,

    /// <summary>An Intel TDX TDREPORT (1024 bytes), which IMDS turns into a quote.</summary>
    Tdx = 4,
}
