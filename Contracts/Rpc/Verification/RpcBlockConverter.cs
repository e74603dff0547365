using System.Buffers.Binary;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// Turns a JSON-RPC block (with full transactions) and its receipts into the consensus encodings of
/// <see cref="UnverifiedL1Block"/>. Pure. On the way it checks what only the JSON form has and the encodings no longer
/// carry: each transaction's reported hash against its re-encoding, and the block, transaction and log positions that
/// transactions, receipts and logs report. Failures are <see cref="L1BlockVerificationException"/>s naming the block.
/// </summary>
/// <remarks>
/// These checks catch a confused or lying node early, with a precise reason; they are not what the enclave relies on.
/// <see cref="L1BlockVerifier"/> checks the resulting bytes against the header, which is all that binds them.
/// </remarks>
public static class RpcBlockConverter
{
    public static UnverifiedL1Block ToUnverified(RpcBlock block, IReadOnlyList<RpcReceipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(receipts);
        var header = ToHeader(block);
        if (block.Uncles.Count > 0)
        {
            throw Reject(block, L1BlockRejectionReason.UnexpectedOmmers, $"the node lists {block.Uncles.Count} ommer(s), first {block.Uncles[0]}.");
        }

        var transactions = ToTransactions(block);
        if (receipts.Count != transactions.Length)
        {
            throw Reject(block, L1BlockRejectionReason.ReceiptCountMismatch, $"{transactions.Length} transactions but {receipts.Count} receipts.");
        }

        var encodedTransactions = new ReadOnlyMemory<byte>[transactions.Length];
        var encodedReceipts = new ReadOnlyMemory<byte>[transactions.Length];
        ulong logIndex = 0;
        for (var i = 0; i < transactions.Length; i++)
        {
            encodedTransactions[i] = transactions[i].Encode();
            encodedReceipts[i] = ToReceipt(block, i, transactions[i], receipts[i], ref logIndex).Encode();
        }

        return new UnverifiedL1Block(block.Hash, header.Encode(), encodedTransactions, encodedReceipts, ToWithdrawals(block.Withdrawals));
    }

    /// <summary>The Protocol header of the block: exactly the fields the node sent, so it hashes as the node's fork does.</summary>
    /// <exception cref="L1BlockVerificationException">The fields cannot form a header (<see cref="L1BlockRejectionReason.MalformedHeader"/>).</exception>
    public static BlockHeader ToHeader(RpcBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Nonce.Length != 8)
        {
            throw Reject(block, L1BlockRejectionReason.MalformedHeader, $"the nonce has {block.Nonce.Length} bytes; it has 8.");
        }

        if (block.LogsBloom.Length != Bloom.Size)
        {
            throw Reject(block, L1BlockRejectionReason.MalformedHeader, $"the logsBloom has {block.LogsBloom.Length} bytes; it has {Bloom.Size}.");
        }

        var header = new BlockHeader
        {
            ParentHash = block.ParentHash,
            Sha3Uncles = block.Sha3Uncles,
            Miner = block.Miner,
            StateRoot = block.StateRoot,
            TransactionsRoot = block.TransactionsRoot,
            ReceiptsRoot = block.ReceiptsRoot,
            LogsBloom = new Bloom(block.LogsBloom.Span),
            Difficulty = block.Difficulty,
            Number = block.Number,
            GasLimit = block.GasLimit,
            GasUsed = block.GasUsed,
            Timestamp = block.Timestamp,
            ExtraData = block.ExtraData,
            MixHash = block.MixHash,
            Nonce = BinaryPrimitives.ReadUInt64BigEndian(block.Nonce.Span),
            BaseFeePerGas = block.BaseFeePerGas,
            WithdrawalsRoot = block.WithdrawalsRoot,
            BlobGasUsed = block.BlobGasUsed,
            ExcessBlobGas = block.ExcessBlobGas,
            ParentBeaconBlockRoot = block.ParentBeaconBlockRoot,
            RequestsHash = block.RequestsHash,
        };
        try
        {
            _ = header.OptionalFieldsPresent;
        }
        catch (InvalidOperationException e)
        {
            throw Reject(block, L1BlockRejectionReason.MalformedHeader, e.Message, e);
        }

        return header;
    }

    private static Transaction[] ToTransactions(RpcBlock block)
    {
        var transactions = new Transaction[block.Transactions.Count];
        for (var i = 0; i < transactions.Length; i++)
        {
            var reported = block.Transactions[i];
            if ((reported.BlockHash is { } hash && hash != block.Hash) || (reported.BlockNumber is { } number && number != block.Number) ||
                (reported.TransactionIndex is { } index && index != (ulong)i))
            {
                throw Reject(block, L1BlockRejectionReason.TransactionPositionMismatch,
                    $"transaction {i} ({reported.Hash}) says it is transaction {reported.TransactionIndex} of block {reported.BlockNumber} ({reported.BlockHash}).");
            }

            Transaction transaction;
            try
            {
                transaction = RpcTransactionConverter.ToTransaction(reported);
            }
            catch (RpcProtocolException e)
            {
                throw Reject(block, L1BlockRejectionReason.MalformedTransaction, $"transaction {i}: {e.Message}", e);
            }

            var computed = transaction.ComputeHash();
            if (computed != reported.Hash)
            {
                throw Reject(block, L1BlockRejectionReason.TransactionHashMismatch,
                    $"transaction {i} is reported as {reported.Hash} but its fields encode to a transaction with hash {computed}.");
            }

            transactions[i] = transaction;
        }

        return transactions;
    }

    private static Receipt ToReceipt(RpcBlock block, int index, Transaction transaction, RpcReceipt reported, ref ulong logIndex)
    {
        var transactionHash = block.Transactions[index].Hash;
        if (reported.TransactionHash != transactionHash || reported.TransactionIndex != (ulong)index || reported.Type != (byte)transaction.Type)
        {
            throw Reject(block, L1BlockRejectionReason.ReceiptTransactionMismatch,
                $"receipt {index} is for transaction {reported.TransactionIndex} ({reported.TransactionHash}, type {reported.Type}), but transaction {index} is {transactionHash} (type {(int)transaction.Type}).");
        }

        if (reported.BlockHash != block.Hash || reported.BlockNumber != block.Number)
        {
            throw Reject(block, L1BlockRejectionReason.ReceiptBlockMismatch,
                $"receipt {index} ({transactionHash}) says it is in block {reported.BlockNumber} ({reported.BlockHash}).");
        }

        for (var i = 0; i < reported.Logs.Count; i++, logIndex++)
        {
            var log = reported.Logs[i];
            if ((log.BlockHash is { } hash && hash != block.Hash) || (log.BlockNumber is { } number && number != block.Number) ||
                (log.TransactionHash is { } logTransaction && logTransaction != transactionHash) ||
                (log.TransactionIndex is { } logTransactionIndex && logTransactionIndex != (ulong)index) ||
                (log.LogIndex is { } reportedLogIndex && reportedLogIndex != logIndex) || log.Removed)
            {
                throw Reject(block, L1BlockRejectionReason.LogPositionMismatch,
                    $"log {i} of transaction {index} ({transactionHash}) should be log {logIndex} of the block and not removed, but says it is log " +
                    $"{log.LogIndex} of transaction {log.TransactionIndex} ({log.TransactionHash}) in block {log.BlockNumber} ({log.BlockHash}), removed: {log.Removed}.");
            }
        }

        Receipt receipt;
        try
        {
            receipt = RpcReceiptConverter.ToReceipt(reported);
        }
        catch (RpcProtocolException e)
        {
            throw Reject(block, L1BlockRejectionReason.MalformedReceipt, $"receipt {index}: {e.Message}", e);
        }

        if (!receipt.LogsBloom.Bytes.SequenceEqual(reported.LogsBloom.Span))
        {
            throw Reject(block, L1BlockRejectionReason.ReceiptBloomMismatch,
                $"receipt {index} ({transactionHash}) reports a logsBloom that is not the bloom of its {receipt.Logs.Count} log(s).");
        }

        return receipt;
    }

    private static Withdrawal[]? ToWithdrawals(IReadOnlyList<RpcWithdrawal>? withdrawals)
    {
        if (withdrawals is null)
        {
            return null;
        }

        var result = new Withdrawal[withdrawals.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var w = withdrawals[i];
            result[i] = new Withdrawal(w.Index, w.ValidatorIndex, w.Address, w.AmountGwei);
        }

        return result;
    }

    private static L1BlockVerificationException Reject(RpcBlock block, L1BlockRejectionReason reason, string detail, Exception? inner = null) =>
        new(reason, block.Number, block.Hash, detail, inner);
}
