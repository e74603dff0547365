namespace Obscuro.Silo.Tee.Azure;

/// <summary>The hash of the runtime data that the paravisor put at the start of the hardware report's REPORT_DATA.</summary>
public enum HclHashType
{
    Sha256 = 1,
    Sha384 = 2,
    Sha512 = 3,
}
