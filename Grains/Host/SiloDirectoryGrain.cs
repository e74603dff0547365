using Orleans.Concurrency;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Obscuro.Grains.Host;

/// <summary>
/// Reads the membership and metadata this silo already holds, so it is a stateless worker: every silo answers
/// locally and no call crosses the network.
/// </summary>
[StatelessWorker]
public sealed class SiloDirectoryGrain(IClusterMembershipService membership, ISiloMetadataCache siloMetadataCache)
    : Grain, ISiloDirectoryGrain
{
    Task<IReadOnlyList<SiloDescription>> ISiloDirectoryGrain.GetSilosAsync()
    {
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status != SiloStatus.Dead)
            .OrderBy(member => member.Name, StringComparer.Ordinal)
            .Select(Describe)
            .ToList();
        return Task.FromResult<IReadOnlyList<SiloDescription>>(silos);
    }

    private SiloDescription Describe(ClusterMember member)
    {
        var metadata = siloMetadataCache.GetSiloMetadata(member.SiloAddress).Metadata;
        return new SiloDescription(
            member.SiloAddress.ToString(),
            member.Name,
            member.Status.ToString(),
            metadata.GetValueOrDefault(SiloMetadataKeys.Role, string.Empty),
            metadata.GetValueOrDefault(SiloMetadataKeys.Tee, string.Empty));
    }
}
