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

    [Alias("AddChild")]
    Task AddChildAsync(Protocol.Ethereum.Hash256 child);

    [Alias("Get")]
    Task<RollupRecord?> GetAsync();
}
