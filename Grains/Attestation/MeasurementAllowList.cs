using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Attestation;

/// <summary>
/// The launch measurements a validation accepts, in their L1 form (<see cref="AttestationRegistration.MeasurementId"/>):
/// an enclave deciding whether to share the seed passes the set governance accepted on NetworkManagement. A TEE
/// checking its own fresh token (it cannot know the L1 set locally) says so explicitly with
/// <see cref="AnyForSelfCheck"/>: there is no implicit "accept everything".
/// </summary>
public sealed class MeasurementAllowList
{
    private readonly IReadOnlySet<Hash256>? _accepted;

    private MeasurementAllowList(IReadOnlySet<Hash256>? accepted) => _accepted = accepted;

    /// <summary>Accepts any measurement: only for a TEE re-checking its own token, never for another node's.</summary>
    public static MeasurementAllowList AnyForSelfCheck { get; } = new(null);

    public static MeasurementAllowList Of(IEnumerable<Hash256> measurementIds)
    {
        ArgumentNullException.ThrowIfNull(measurementIds);
        return new MeasurementAllowList(measurementIds.ToHashSet());
    }

    public bool Accepts(in Hash256 measurementId) => _accepted is null || _accepted.Contains(measurementId);

    public override string ToString() => _accepted is null ? "any (self-check)" : $"{_accepted.Count} accepted measurement(s)";
}
