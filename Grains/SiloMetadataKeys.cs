namespace Obscuro.Grains;

/// <summary>The silo-metadata keys every Obscuro silo advertises (<c>Orleans:Metadata</c>).</summary>
public static class SiloMetadataKeys
{
    /// <summary>The TEE kind: <c>none</c>, <c>simulated</c>, <c>sev-snp</c> or <c>tdx</c>.</summary>
    public const string Tee = "tee";

    /// <summary>The silo role: <c>host</c>, <c>enclave</c> or <c>both</c>.</summary>
    public const string Role = "role";

    /// <summary>The node id the silo was started for.</summary>
    public const string Node = "node";
}
