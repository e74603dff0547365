namespace Obscuro.Grains;

/// <summary>Names of the stream providers every silo registers, shared by the silo configuration and the grains.</summary>
public static class StreamProviderNames
{
    /// <summary>L1 blocks and reorg notices, in order, from the node's L1 watcher (memory streams: the L1 chain itself is the replayable log).</summary>
    public const string L1 = "L1";
}
