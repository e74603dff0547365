namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>Why an L1 block from the (untrusted) host was rejected; see <see cref="L1BlockVerificationException"/>.</summary>
public enum L1BlockRejectionReason
{
    /// <summary>The header fields do not form a header (a fork field without its predecessors, a wrong bloom or nonce size) or the header bytes are not one canonical RLP header.</summary>
    MalformedHeader,

    /// <summary>The header hashes to another value than the block's claimed hash.</summary>
    HeaderHashMismatch,

    /// <summary>The block's parent hash or number does not follow the parent it was checked against.</summary>
    NotChildOfParent,

    /// <summary>The block has ommers (uncles). No L1 block has had any since the merge, and their headers cannot be checked here.</summary>
    UnexpectedOmmers,

    /// <summary>A transaction's fields or bytes do not form a supported transaction (unknown type, missing field, non-canonical bytes).</summary>
    MalformedTransaction,

    /// <summary>A transaction, re-encoded from its fields, hashes to another value than the node reported for it.</summary>
    TransactionHashMismatch,

    /// <summary>A transaction's reported block hash, block number or index names another place than where it is in the block.</summary>
    TransactionPositionMismatch,

    /// <summary>The transactions do not hash to the header's transactionsRoot.</summary>
    TransactionsRootMismatch,

    /// <summary>The block has a different number of receipts than transactions.</summary>
    ReceiptCountMismatch,

    /// <summary>A receipt names another transaction (hash, index or type) than the one at its position.</summary>
    ReceiptTransactionMismatch,

    /// <summary>A receipt names another block (hash or number) than the one it came with.</summary>
    ReceiptBlockMismatch,

    /// <summary>A receipt's fields or bytes do not form a consensus receipt (unknown status, missing status and root, non-canonical bytes).</summary>
    MalformedReceipt,

    /// <summary>A receipt's reported logsBloom is not the bloom of its logs.</summary>
    ReceiptBloomMismatch,

    /// <summary>A log's block hash, block number, transaction hash, transaction index or log index does not match where it is, or it is marked removed.</summary>
    LogPositionMismatch,

    /// <summary>The receipts do not hash to the header's receiptsRoot.</summary>
    ReceiptsRootMismatch,

    /// <summary>The header's logsBloom is not the union of the receipts' blooms.</summary>
    LogsBloomMismatch,

    /// <summary>The receipts' cumulative gas does not grow with each transaction, or its last value is not the header's gasUsed.</summary>
    GasUsedMismatch,

    /// <summary>The header's blobGasUsed is not what the block's blob transactions use (or is absent while the block has blob transactions).</summary>
    BlobGasUsedMismatch,

    /// <summary>The block has a withdrawals list without a withdrawalsRoot in its header, or the reverse.</summary>
    MalformedWithdrawals,

    /// <summary>The withdrawals do not hash to the header's withdrawalsRoot.</summary>
    WithdrawalsRootMismatch,
}
