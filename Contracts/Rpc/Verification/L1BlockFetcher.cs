using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// Fetches a block with full transactions and its receipts: one <c>eth_getBlockBy…</c> and one
/// <c>eth_getBlockReceipts</c>. Verifies nothing; hand the result to <see cref="L1BlockVerifier"/>.
/// </summary>
public sealed class L1BlockFetcher
{
    /// <summary>Enough for a reorg racing the two calls a few times; a node that changes its head faster than that is not usable anyway.</summary>
    private const int Attempts = 3;

    private readonly EthRpcClient _client;

    public L1BlockFetcher(EthRpcClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>The block with this hash, or null when the node does not know it.</summary>
    public async Task<FetchedL1Block?> FetchAsync(Hash256 blockHash, CancellationToken cancellationToken = default)
    {
        var block = await _client.GetBlockByHashAsync(blockHash, cancellationToken).ConfigureAwait(false);
        if (block is null)
        {
            return null;
        }

        var receipts = await _client.GetBlockReceiptsAsync(blockHash, cancellationToken).ConfigureAwait(false);
        return receipts is null ? null : new FetchedL1Block(block, receipts);
    }

    /// <summary>The node's block at <paramref name="block"/> (a number or tag), or null when it has none there.</summary>
    /// <exception cref="RpcProtocolException">Each time, the block was replaced (reorged) between fetching it and its receipts.</exception>
    public async Task<FetchedL1Block?> FetchAsync(BlockTag block, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var fetched = await _client.GetBlockByNumberAsync(block, cancellationToken).ConfigureAwait(false);
            if (fetched is null)
            {
                return null;
            }

            // Receipts by the hash just seen, not by number: by number they could belong to a block that replaced it.
            var receipts = await _client.GetBlockReceiptsAsync(fetched.Hash, cancellationToken).ConfigureAwait(false);
            if (receipts is not null)
            {
                return new FetchedL1Block(fetched, receipts);
            }
        }

        throw new RpcProtocolException($"The block at {block} was replaced before its receipts could be fetched, {Attempts} times in a row.");
    }
}
