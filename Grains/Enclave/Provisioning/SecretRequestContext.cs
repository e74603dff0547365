using System.Collections.Immutable;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave.Provisioning;

/// <summary>
/// What a requester's attestation is judged against, all from this enclave's own settings and its verified L1 view:
/// the network (for the nonce), the measurements and authorities governance accepts on NetworkManagement, and the
/// attestation types this enclave's own kind of TEE accepts.
/// </summary>
public sealed record SecretRequestContext(
    ulong L1ChainId,
    Address NetworkManagement,
    ImmutableHashSet<Hash256> AcceptedMeasurements,
    ImmutableHashSet<Hash256> AcceptedAuthorities,
    IReadOnlyList<AttestationProfile> AcceptedProfiles)
{
    public static SecretRequestContext From(ulong l1ChainId, Address networkManagement, RegistryView registry, TeeKind tee)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return new SecretRequestContext(l1ChainId, networkManagement, registry.AcceptedMeasurements, registry.AcceptedAuthorities, ProfilesFor(tee));
    }

    /// <summary>
    /// A confidential VM accepts only hardware attestations, even if governance listed a simulated authority by mistake;
    /// a simulated TEE (a devnet, insecure anyway) accepts every type, so mixed test networks work.
    /// </summary>
    public static IReadOnlyList<AttestationProfile> ProfilesFor(TeeKind tee) => tee switch
    {
        TeeKind.SevSnp or TeeKind.Tdx => [AttestationProfile.SevSnpVm, AttestationProfile.TdxVm],
        TeeKind.Simulated => AttestationProfile.All,
        _ => [],
    };

    /// <summary>Identifies the allow-list, so a verdict reached under one list is not reused under another.</summary>
    internal string MeasurementsFingerprint =>
        string.Join(',', AcceptedMeasurements.Select(m => m.ToString()).Order(StringComparer.Ordinal));
}
