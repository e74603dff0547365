namespace Obscuro.Grains.Host;

/// <summary>
/// The L1 node's chain no longer contains any block the watcher published within its reorg bound: either a reorg
/// deeper than that bound, or an L1 node that switched to another chain. The watcher stops publishing (it never
/// guesses a branch point) until it is restarted from a block on the node's chain.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.L1ReorgTooDeepException")]
public sealed class L1ReorgTooDeepException : Exception
{
    public L1ReorgTooDeepException()
        : base("The L1 reorg is deeper than the watcher follows.")
    {
    }

    public L1ReorgTooDeepException(string message)
        : base(message)
    {
    }

    public L1ReorgTooDeepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
