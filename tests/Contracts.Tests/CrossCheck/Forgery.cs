using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Rpc.Verification;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// Helpers to tamper with a fetched block the way a careful liar would: after changing what it wants, it fixes up
/// everything it can recompute without breaking a hash (transaction hashes, positions, log indexes, receipt blooms,
/// and optionally the block hash), so what catches it is a commitment, not a bookkeeping slip.
/// </summary>
internal static class Forgery
{
    public static T[] Replace<T>(IReadOnlyList<T> list, int index, Func<T, T> change)
    {
        var copy = list.ToArray();
        copy[index] = change(copy[index]);
        return copy;
    }

    public static T[] Remove<T>(IReadOnlyList<T> list, int index) => list.Where((_, i) => i != index).ToArray();

    /// <summary>Recomputes every derived value of the JSON block; with <paramref name="rehashHeader"/> also its hash.</summary>
    public static FetchedL1Block MakeConsistent(RpcBlock block, IReadOnlyList<RpcReceipt> receipts, bool rehashHeader = false)
    {
        var transactions = block.Transactions.Select(t => t with { Hash = RpcTransactionConverter.ToTransaction(t).ComputeHash() }).ToArray();
        block = block with { Transactions = transactions };
        if (rehashHeader)
        {
            block = block with { Hash = RpcBlockConverter.ToHeader(block).ComputeHash() };
        }

        var hash = block.Hash;
        block = block with
        {
            Transactions = transactions.Select((t, i) => t with { BlockHash = hash, BlockNumber = block.Number, TransactionIndex = (ulong)i }).ToArray(),
        };
        ulong logIndex = 0;
        var fixedReceipts = receipts.Select((r, i) =>
        {
            var transactionHash = i < transactions.Length ? transactions[i].Hash : r.TransactionHash;
            var logs = r.Logs.Select(l => l with
            {
                BlockHash = hash,
                BlockNumber = block.Number,
                TransactionHash = transactionHash,
                TransactionIndex = (ulong)i,
                LogIndex = logIndex++,
            }).ToArray();
            var fixedReceipt = r with { TransactionHash = transactionHash, TransactionIndex = (ulong)i, BlockHash = hash, BlockNumber = block.Number, Logs = logs };
            return fixedReceipt with { LogsBloom = RpcReceiptConverter.ToReceipt(fixedReceipt).LogsBloom.Bytes.ToArray() };
        }).ToArray();
        return new FetchedL1Block(block, fixedReceipts);
    }
}
