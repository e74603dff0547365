using Obscuro.Grains.Node;

namespace Obscuro.Grains.Host;

/// <summary>The L1 watcher's cursor: where it was asked to start and the chain it has published since, newest last.</summary>
[GenerateSerializer]
[Alias("Obscuro.L1WatcherState")]
public sealed class L1WatcherState
{
    /// <summary>The block passed to the latest <c>StartAsync</c>; null until started.</summary>
    [Id(0)]
    public L1BlockNotice? ResumePoint { get; set; }

    /// <summary>
    /// The published branch, contiguous by parent hash, ending at the head; its first element is the resume point or
    /// an older published block. Kept to the reorg depth, so a reorg's common ancestor is found here.
    /// </summary>
    [Id(1)]
    public List<L1BlockNotice> Branch { get; set; } = [];
}
