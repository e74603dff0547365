using Orleans.Placement;

namespace Obscuro.Grains.Placement;

/// <summary>
/// The placement filter behind <see cref="TeeOnlyAttribute"/>. It carries no parameters: which silos qualify is
/// decided by <see cref="TeeOnlyPlacementFilterDirector"/> from their metadata.
/// </summary>
public sealed class TeeOnlyPlacementFilterStrategy : PlacementFilterStrategy
{
    // Orleans re-creates the strategy from grain properties with a public parameterless constructor.
    public TeeOnlyPlacementFilterStrategy()
        : base(order: 0)
    {
    }
}
