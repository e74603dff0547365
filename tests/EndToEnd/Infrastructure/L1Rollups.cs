using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Rollup headers as anyone can read them from L1: RollupManagement says in which block a rollup was published, and the
/// publishing transaction's input is the <c>publishRollup</c> call with the full header (dependency block, state
/// commitment, withdrawals, rewards). Tests use this to check the nodes against public data rather than against themselves.
/// </summary>
public sealed class L1Rollups(EthRpcClient rpc, Address rollupManagement)
{
    private readonly RollupManagementContract _contract = new(rollupManagement, rpc);
    private readonly Dictionary<Hash256, RollupHeader> _headers = [];

    public async Task<RollupHeader> HeaderAsync(Hash256 rollupHash)
    {
        if (_headers.TryGetValue(rollupHash, out var known)) return known;
        var info = await _contract.RollupAsync(rollupHash);
        var block = await rpc.GetBlockByNumberAsync(BlockTag.At(info.PublishedAt))
            ?? throw new InvalidOperationException($"L1 block {info.PublishedAt} that published rollup {rollupHash} is missing.");
        foreach (var transaction in block.Transactions.Where(t => t.To == rollupManagement))
        {
            var header = RollupManagementContract.DecodePublishRollupCall(transaction.Input.Span).Header;
            if (header.Hash != rollupHash) continue;
            _headers[rollupHash] = header;
            return header;
        }

        throw new InvalidOperationException($"No publishRollup call for {rollupHash} in L1 block {info.PublishedAt}.");
    }

    /// <summary>The canonical chain ending at <paramref name="head"/>, genesis first, read from L1 alone.</summary>
    public async Task<IReadOnlyList<RollupHeader>> ChainAsync(Hash256 head)
    {
        var chain = new List<RollupHeader>();
        for (var cursor = head; !cursor.IsZero;)
        {
            var header = await HeaderAsync(cursor);
            chain.Add(header);
            cursor = header.ParentHash;
        }

        chain.Reverse();
        return chain;
    }
}
