using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.Node;
using Orleans.Concurrency;

namespace Obscuro.Grains.Host;

/// <summary>
/// Fetches an L1 block's raw material (header, transactions, receipts, withdrawals as consensus encodings) from the
/// silo's L1 node, by hash, for the enclave to verify. It verifies nothing itself: the host is untrusted, and the
/// enclave recomputes the hash and roots. A stateless worker, so fetches run in parallel and locally; each activation
/// keeps the last few blocks, because the enclave and the coordinator ask for the same block in turn.
/// </summary>
[StatelessWorker]
public sealed class L1BlockSourceGrain(L1Services l1) : Grain, IL1BlockSourceGrain
{
    private const int CachedBlocks = 32;
    private readonly L1BlockCache _cache = new(CachedBlocks);
    private L1BlockFetcher? _fetcher;

    async Task<L1BlockMaterial> IL1BlockSourceGrain.GetBlockAsync(L1BlockNotice block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_cache.TryGet(block.Hash, out var cached))
        {
            return cached;
        }

        _fetcher ??= new L1BlockFetcher(l1.Rpc);
        var fetched = await _fetcher.FetchAsync(block.Hash)
            ?? throw new InvalidOperationException(
                $"The L1 node does not know block {block.Number} ({block.Hash}); it may have been reorganised away.");
        var material = fetched.ToUnverified().ToMaterial();
        _cache.Add(material);
        return material;
    }

    async Task<bool> IL1BlockSourceGrain.IsKnownAsync(Protocol.Ethereum.Hash256 blockHash) =>
        await l1.Rpc.GetBlockByHashAsync(blockHash) is not null;
}
