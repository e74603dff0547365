namespace Obscuro.Grains.Host;

/// <summary>How the L1 watcher follows its L1 node (section <c>Obscuro:Node</c> on host silos).</summary>
public sealed class L1WatcherOptions
{
    /// <summary>How often the watcher asks for the L1 head. An L1 block every 12 s needs far less; a devnet mining every second does not.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The deepest reorg the watcher follows. A deeper one means the L1 node changed chains (or the node's L1 view is
    /// broken): the watcher stops publishing and says so, rather than guessing.
    /// </summary>
    public int MaxReorgDepth { get; set; } = 64;

    /// <summary>Blocks published per poll at most, so a watcher far behind catches up in bounded turns and stays responsive.</summary>
    public int MaxBlocksPerPoll { get; set; } = 128;
}
