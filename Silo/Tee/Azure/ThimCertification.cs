namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// The AMD certificates IMDS (THIM) caches for this host: the VCEK that signed the SNP report and the chain above it
/// (ASK, ARK), both PEM. MAA wants them concatenated, VCEK first (<see cref="VcekCertChain"/>).
/// </summary>
public sealed record ThimCertification(string VcekCert, string CertificateChain, string? Tcbm)
{
    public string VcekCertChain => VcekCert.TrimEnd() + "\n" + CertificateChain.TrimEnd() + "\n";
}
