namespace Obscuro.Silo.Security;

/// <summary>Options of <see cref="PublicApiCallFilter"/>.</summary>
public sealed class PublicApiFilterOptions
{
    /// <summary>
    /// Orleans system-target interfaces (full type names) that a client's own runtime calls and must be able to: the
    /// filter runs for system targets too. By default only the cluster manifest, which a client fetches to learn the
    /// grain types it may address.
    /// </summary>
    public ISet<string> ClientSystemInterfaces { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Orleans.Runtime.IClusterManifestSystemTarget",
    };
}
