using System.Security.Cryptography.X509Certificates;
using global::Azure.Core;

namespace Obscuro.Silo.Tee.Azure.KeyVault;

/// <summary>
/// Options of <see cref="KeyVaultKeysClient"/>: api-version, token scope override, how the release JWS's certificate
/// chain is trusted, plus retries, transport and logging from Azure.Core (content logging is always off: request and
/// response bodies carry key material).
/// </summary>
public sealed class KeyVaultKeysClientOptions : ClientOptions
{
    public const string DefaultApiVersion = "2025-07-01";

    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>The Entra token scope; null derives it from the host (<see cref="KeyVaultKeysClient.ScopeFor"/>).</summary>
    public string? TokenScope { get; set; }

    /// <summary>
    /// Roots the release JWS chain must end in; null means the machine's trust store (production: Key Vault signs with
    /// a publicly trusted certificate for its host name). Tests pin their own root here.
    /// </summary>
    public IReadOnlyCollection<X509Certificate2>? ReleaseTrustRoots { get; init; }

    /// <summary>Revocation checking for the release JWS chain.</summary>
    public X509RevocationMode ReleaseRevocationMode { get; set; } = X509RevocationMode.Online;
}
