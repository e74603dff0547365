namespace Obscuro.Silo;

/// <summary>Configuration section <c>Obscuro:Clustering</c>.</summary>
public sealed class ClusteringSettings
{
    public const string Localhost = "localhost";
    public const string RedisProvider = "redis";

    /// <summary>
    /// Membership: <c>localhost</c> (every silo on this machine, the one on <see cref="PrimarySiloPort"/> starts the
    /// cluster) or <c>redis</c> (durable membership in the Redis of <c>Obscuro:Storage:Redis</c>; silos on any machine).
    /// </summary>
    public string Provider { get; set; } = Localhost;

    public string ClusterId { get; set; } = "obscuro-devnet";

    public string ServiceId { get; set; } = "obscuro";

    public int SiloPort { get; set; } = 11111;

    /// <summary>The client gateway's port (0: none); ignored on a silo whose role is <c>enclave</c>, which opens no gateway.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The silo port of the silo the others join through; the silo whose own port this is starts the cluster (localhost only).</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>With Redis clustering: the address other silos and clients reach this silo at.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
}
