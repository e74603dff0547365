using Obscuro.Grains.Tee;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Obscuro.Grains.Placement;

/// <summary>
/// Keeps the candidate silos whose metadata <c>tee</c> names a TEE. A silo whose metadata has not reached this silo's
/// cache yet (about 100–200 ms after it joins) is left out rather than guessed at. Must be registered on every silo,
/// because placement runs on whichever silo first activates the grain.
/// </summary>
public sealed class TeeOnlyPlacementFilterDirector(ISiloMetadataCache siloMetadataCache) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos) =>
        silos.Where(silo => TeeKinds.IsTee(siloMetadataCache.GetSiloMetadata(silo).Metadata.GetValueOrDefault(SiloMetadataKeys.Tee)));
}
