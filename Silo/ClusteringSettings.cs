namespace Obscuro.Silo;

/// <summary>Configuration section <c>Obscuro:Clustering</c>.</summary>
public sealed class ClusteringSettings
{
    public const string Localhost = "localhost";

    /// <summary>Membership: <c>localhost</c> (every silo on this machine). The durable Redis provider is not built yet.</summary>
    public string Provider { get; set; } = Localhost;

    public string ClusterId { get; set; } = "obscuro-devnet";

    public string ServiceId { get; set; } = "obscuro";

    public int SiloPort { get; set; } = 11111;

    /// <summary>The client gateway's port (0: none); ignored on a silo whose role is <c>enclave</c>, which opens no gateway.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The silo port of the silo the others join through; the silo whose own port this is starts the cluster.</summary>
    public int PrimarySiloPort { get; set; } = 11111;
}
