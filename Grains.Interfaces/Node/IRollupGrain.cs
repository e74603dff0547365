namespace Obscuro.Grains.Node;

/// <summary>
/// Host side, keyed by <c>{nodeId}/{rollupHash}</c>: a published rollup as the node saw it on L1 (public data), where it
/// was included, its standing, and its children.
/// </summary>
[Alias("Obscuro.IRollupGrain")]
public interface IRollupGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task RecordAsync(RollupRecord record);

    /// <summary>
    /// An L1 reorg removed block <paramref name="l1BlockHash"/>: if the record says the rollup is included there, it now
    /// says <see cref="RollupRecord.RemovedStanding"/> with no block. A record of another block (the rollup already seen
    /// again on the new fork) is left as it is.
    /// </summary>
    [Alias("MarkRemoved")]
    Task MarkRemovedAsync(Protocol.Ethereum.Hash256 l1BlockHash);

    [Alias("AddChild")]
    Task AddChildAsync(Protocol.Ethereum.Hash256 child);

    [Alias("Get")]
    Task<RollupRecord?> GetAsync();
}
