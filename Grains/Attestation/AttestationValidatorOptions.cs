namespace Obscuro.Grains.Attestation;

/// <summary>
/// The trust anchor of one <see cref="AttestationTokenValidator"/>: the pinned issuer and the attestation types it
/// accepts. The signing keys come from <see cref="SigningKeysUri"/> (MAA: <c>{issuer}/certs</c>), fetched over TLS;
/// plain HTTP is allowed only for a loopback issuer (a devnet authority on 127.0.0.1).
/// </summary>
public sealed class AttestationValidatorOptions
{
    public AttestationValidatorOptions(string issuer, IEnumerable<AttestationProfile> acceptedProfiles)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentNullException.ThrowIfNull(acceptedProfiles);
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || !string.IsNullOrEmpty(issuerUri.Query) || !string.IsNullOrEmpty(issuerUri.Fragment))
        {
            throw new ArgumentException($"The attestation issuer '{issuer}' is not an absolute URI without query or fragment.", nameof(issuer));
        }

        if (issuerUri.Scheme != Uri.UriSchemeHttps && !(issuerUri.Scheme == Uri.UriSchemeHttp && issuerUri.IsLoopback))
        {
            throw new ArgumentException($"The attestation issuer '{issuer}' must use https (plain http only on a loopback address, for a devnet).", nameof(issuer));
        }

        Issuer = issuer;
        AcceptedProfiles = acceptedProfiles.Distinct().ToArray();
        if (AcceptedProfiles.Count == 0)
        {
            throw new ArgumentException("At least one attestation profile must be accepted.", nameof(acceptedProfiles));
        }

        SigningKeysUri = new Uri(issuer.TrimEnd('/') + "/certs");
    }

    /// <summary>Accepts SEV-SNP and TDX CVM tokens from the MAA provider at <paramref name="issuer"/>.</summary>
    public static AttestationValidatorOptions ForAzure(string issuer) => new(issuer, [AttestationProfile.SevSnpVm, AttestationProfile.TdxVm]);

    /// <summary>Accepts only the devnet's simulated-TEE tokens from the simulated authority at <paramref name="issuer"/>.</summary>
    public static AttestationValidatorOptions ForDevnet(string issuer) => new(issuer, [AttestationProfile.Simulated]);

    /// <summary>Compared with <c>iss</c> exactly (ordinal): MAA writes its provider URI without a trailing slash.</summary>
    public string Issuer { get; }

    public IReadOnlyList<AttestationProfile> AcceptedProfiles { get; }

    /// <summary>The JWKS endpoint; by default <c>{issuer}/certs</c>, as MAA and the simulated authority serve it.</summary>
    public Uri SigningKeysUri { get; init; }

    /// <summary>Tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c> between this machine's clock and the authority's.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A token naming an unknown <c>kid</c> refreshes the key set, but at most once per this interval, so a stream of
    /// forged tokens with random key ids cannot turn this validator into a flood against the authority.
    /// </summary>
    public TimeSpan MinimumKeyRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Keys older than this are fetched again before use, so a key the authority withdrew stops counting.</summary>
    public TimeSpan MaximumKeyAge { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Longer tokens are refused unread (MAA tokens are a few kilobytes).</summary>
    public int MaximumTokenLength { get; init; } = 64 * 1024;

    /// <summary>Signing keys shorter than this are ignored.</summary>
    public int MinimumRsaKeySizeBits { get; init; } = 2048;
}
