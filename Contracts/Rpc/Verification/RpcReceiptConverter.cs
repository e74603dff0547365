using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// Rebuilds the consensus receipt (type, status or post-state root, cumulative gas, logs) from a JSON-RPC receipt.
/// Its bloom is computed from the logs; compare it with the reported <see cref="RpcReceipt.LogsBloom"/> separately.
/// </summary>
public static class RpcReceiptConverter
{
    /// <exception cref="RpcProtocolException">The type is unknown, or the status is neither 0 nor 1 and there is no post-state root.</exception>
    public static Receipt ToReceipt(RpcReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.Type > (byte)TransactionType.SetCode)
        {
            throw new RpcProtocolException($"Receipt of transaction {receipt.TransactionHash} has type 0x{receipt.Type:x2}, which is not an L1 transaction type this code knows (0 to 4).");
        }

        var logs = new Log[receipt.Logs.Count];
        for (var i = 0; i < logs.Length; i++)
        {
            var log = receipt.Logs[i];
            logs[i] = new Log(log.Address, log.Topics, log.Data);
        }

        var type = (TransactionType)receipt.Type;
        return receipt.Status switch
        {
            1 => new Receipt(type, succeeded: true, receipt.CumulativeGasUsed, logs),
            0 => new Receipt(type, succeeded: false, receipt.CumulativeGasUsed, logs),
            null when receipt.Root is { } root => Receipt.WithPostState(type, root, receipt.CumulativeGasUsed, logs),
            null => throw new RpcProtocolException($"Receipt of transaction {receipt.TransactionHash} has neither a status nor a post-state root."),
            _ => throw new RpcProtocolException($"Receipt of transaction {receipt.TransactionHash} has status {receipt.Status}; a status is 0 or 1."),
        };
    }
}
