using Obscuro.Grains.Tee;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Obscuro.Grains.Placement;

/// <summary>
/// Keeps only the primary TEE silo: among the candidate silos whose metadata <c>tee</c> names a TEE, the oldest (the
/// lowest generation, then the lowest address). Every enclave grain of the node therefore lives on one TEE silo, and
/// enclave grains talk to each other in-process: plaintext L2 data never crosses the network between silos, which
/// Orleans does not encrypt. Further TEE silos are standbys; when the primary dies, the next oldest takes over and the
/// grains reactivate there from sealed state.
/// <para>
/// A silo whose metadata has not reached this silo's cache yet (about 100–200 ms after it joins) is left out rather
/// than guessed at. Must be registered on every silo, because placement runs on whichever silo first activates the grain.
/// </para>
/// </summary>
public sealed class TeeOnlyPlacementFilterDirector(ISiloMetadataCache siloMetadataCache) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var primary = silos
            .Where(silo => TeeKinds.IsTee(siloMetadataCache.GetSiloMetadata(silo).Metadata.GetValueOrDefault(SiloMetadataKeys.Tee)))
            .OrderBy(silo => silo.Generation)
            .ThenBy(silo => silo.ToString(), StringComparer.Ordinal)
            .FirstOrDefault();
        return primary is null ? [] : [primary];
    }
}
