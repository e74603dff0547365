namespace Obscuro.Grains.Node;

/// <summary>Host side: fetches an L1 block's raw material from the node's L1 JSON-RPC endpoint, for the enclave to verify.</summary>
[Alias("Obscuro.IL1BlockSourceGrain")]
public interface IL1BlockSourceGrain : IGrainWithStringKey
{
    [Alias("GetBlock")]
    Task<L1BlockMaterial> GetBlockAsync(L1BlockNotice block);

    /// <summary>Whether the L1 node still knows the block: false once a reorg has removed it (or it never existed).</summary>
    [Alias("IsKnown")]
    Task<bool> IsKnownAsync(Protocol.Ethereum.Hash256 blockHash);
}
