using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Ethereum.Trie;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// Checks an L1 block from the untrusted host before the enclave uses anything in it (ARCHITECTURE §6). Pure: no RPC,
/// no clock, no state. A block passes when
/// <list type="bullet">
/// <item>its header bytes are one canonical header and hash (Keccak-256) to the claimed hash, and it has no ommers;</item>
/// <item>its transactions are canonical encodings whose trie root is the header's transactionsRoot;</item>
/// <item>it has one receipt per transaction, of the transaction's type, whose trie root is the header's receiptsRoot;
/// the receipts' blooms (each checked against its logs) unite to the header's logsBloom; their cumulative gas grows
/// with every transaction and ends at the header's gasUsed;</item>
/// <item>the header's blobGasUsed is what the blob transactions use;</item>
/// <item>the withdrawals are present exactly when the header has a withdrawalsRoot, and hash to it.</item>
/// </list>
/// The header fields without a body here (stateRoot, mixHash, parentBeaconBlockRoot, requestsHash, …) are bound by the
/// hash only. Failures are <see cref="L1BlockVerificationException"/>s with a <see cref="L1BlockRejectionReason"/>.
/// </summary>
/// <remarks>
/// Blob transactions are committed to in their canonical form (without blobs, commitments and proofs), as consensus
/// requires and as every production execution client does. Anvil 1.7.1 instead commits to the network form with the
/// sidecar, so an anvil block holding a blob transaction fails here with
/// <see cref="L1BlockRejectionReason.TransactionsRootMismatch"/>. Accepting that form too would mean two valid roots for
/// one block, fetching sidecars the RPC block does not carry, and a rule no real L1 uses, all to please a dev node;
/// nothing this project sends to its L1 is a blob transaction, so the devnet is unaffected.
/// </remarks>
public static class L1BlockVerifier
{
    /// <summary>Gas per blob (EIP-4844 GAS_PER_BLOB).</summary>
    private const ulong BlobGasPerBlob = 1 << 17;

    /// <summary>Converts the JSON-RPC block and receipts (checking what only they carry) and verifies the result.</summary>
    public static L1BlockContent Verify(RpcBlock block, IReadOnlyList<RpcReceipt> receipts) =>
        Verify(RpcBlockConverter.ToUnverified(block, receipts));

    /// <summary>Verifies the block and that it is the child of the block with <paramref name="parentHash"/> and <paramref name="parentNumber"/>.</summary>
    public static L1BlockContent VerifyChild(UnverifiedL1Block block, Hash256 parentHash, ulong parentNumber)
    {
        var content = Verify(block);
        if (content.Header.ParentHash != parentHash || content.Number != parentNumber + 1)
        {
            throw new L1BlockVerificationException(L1BlockRejectionReason.NotChildOfParent, content.Number, block.ClaimedHash,
                $"its parent is block {content.Number - 1} ({content.Header.ParentHash}), not block {parentNumber} ({parentHash}).");
        }

        return content;
    }

    public static L1BlockContent Verify(UnverifiedL1Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(block.Transactions);
        ArgumentNullException.ThrowIfNull(block.Receipts);

        BlockHeader header;
        try
        {
            header = BlockHeader.Decode(block.Header.Span);
        }
        catch (RlpException e)
        {
            throw new L1BlockVerificationException(L1BlockRejectionReason.MalformedHeader, null, block.ClaimedHash, e.Message, e);
        }

        // The hash of the bytes themselves: the fields just decoded are exactly what these bytes say.
        var hash = Keccak256.Hash(block.Header.Span);
        var context = new Context(header.Number, block.ClaimedHash);
        if (hash != block.ClaimedHash)
        {
            throw context.Reject(L1BlockRejectionReason.HeaderHashMismatch, $"the header hashes to {hash}.");
        }

        if (header.Sha3Uncles != BlockRoots.EmptyOmmersHash)
        {
            throw context.Reject(L1BlockRejectionReason.UnexpectedOmmers,
                $"sha3Uncles is {header.Sha3Uncles}, not the hash of an empty ommers list ({BlockRoots.EmptyOmmersHash}).");
        }

        var transactions = DecodeTransactions(block.Transactions, context);
        var transactionsRoot = MerklePatriciaTrie.ComputeOrderedRoot(block.Transactions);
        if (transactionsRoot != header.TransactionsRoot)
        {
            throw context.Reject(L1BlockRejectionReason.TransactionsRootMismatch,
                $"the header's transactionsRoot is {header.TransactionsRoot}, the {transactions.Length} transactions hash to {transactionsRoot}.{BlobNote(transactions)}");
        }

        var receipts = DecodeReceipts(block.Receipts, transactions, header, context);
        var receiptsRoot = MerklePatriciaTrie.ComputeOrderedRoot(block.Receipts);
        if (receiptsRoot != header.ReceiptsRoot)
        {
            throw context.Reject(L1BlockRejectionReason.ReceiptsRootMismatch,
                $"the header's receiptsRoot is {header.ReceiptsRoot}, the {receipts.Length} receipts hash to {receiptsRoot}.");
        }

        var bloom = BlockRoots.LogsBloom(receipts);
        if (!bloom.Equals(header.LogsBloom))
        {
            throw context.Reject(L1BlockRejectionReason.LogsBloomMismatch, "the header's logsBloom is not the union of the receipts' blooms.");
        }

        CheckBlobGas(header, transactions, context);
        var withdrawals = CheckWithdrawals(header, block.Withdrawals, context);

        var items = new L1BlockTransaction[transactions.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new L1BlockTransaction(i, Keccak256.Hash(block.Transactions[i].Span), block.Transactions[i], transactions[i], receipts[i]);
        }

        return new L1BlockContent(hash, header, items, withdrawals);
    }

    private static Transaction[] DecodeTransactions(IReadOnlyList<ReadOnlyMemory<byte>> encoded, Context context)
    {
        var transactions = new Transaction[encoded.Count];
        for (var i = 0; i < transactions.Length; i++)
        {
            try
            {
                transactions[i] = Transaction.Decode(encoded[i].Span);
            }
            catch (TransactionFormatException e)
            {
                throw context.Reject(L1BlockRejectionReason.MalformedTransaction, $"transaction {i}: {e.Message}", e);
            }
        }

        return transactions;
    }

    private static Receipt[] DecodeReceipts(IReadOnlyList<ReadOnlyMemory<byte>> encoded, Transaction[] transactions, BlockHeader header, Context context)
    {
        if (encoded.Count != transactions.Length)
        {
            throw context.Reject(L1BlockRejectionReason.ReceiptCountMismatch, $"{transactions.Length} transactions but {encoded.Count} receipts.");
        }

        var receipts = new Receipt[encoded.Count];
        ulong previousGas = 0;
        for (var i = 0; i < receipts.Length; i++)
        {
            Receipt receipt;
            try
            {
                receipt = Receipt.Decode(encoded[i].Span);
            }
            catch (RlpException e)
            {
                throw context.Reject(L1BlockRejectionReason.MalformedReceipt, $"receipt {i}: {e.Message}", e);
            }

            if (receipt.Type != transactions[i].Type)
            {
                throw context.Reject(L1BlockRejectionReason.ReceiptTransactionMismatch,
                    $"receipt {i} is of type {(int)receipt.Type} but transaction {i} is of type {(int)transactions[i].Type}.");
            }

            // Every transaction pays at least its intrinsic gas, so the running total grows strictly.
            if (receipt.CumulativeGasUsed <= previousGas)
            {
                throw context.Reject(L1BlockRejectionReason.GasUsedMismatch,
                    $"receipt {i} has cumulativeGasUsed {receipt.CumulativeGasUsed}, not more than the {previousGas} before it.");
            }

            previousGas = receipt.CumulativeGasUsed;
            receipts[i] = receipt;
        }

        if (previousGas != header.GasUsed)
        {
            throw context.Reject(L1BlockRejectionReason.GasUsedMismatch, $"the header's gasUsed is {header.GasUsed}, the receipts add up to {previousGas}.");
        }

        return receipts;
    }

    private static void CheckBlobGas(BlockHeader header, Transaction[] transactions, Context context)
    {
        ulong blobs = 0;
        foreach (var transaction in transactions)
        {
            if (transaction is BlobTransaction blob)
            {
                blobs += (ulong)blob.BlobVersionedHashes.Count;
            }
        }

        if (header.BlobGasUsed is not { } blobGasUsed)
        {
            if (blobs > 0)
            {
                throw context.Reject(L1BlockRejectionReason.BlobGasUsedMismatch, $"the header has no blobGasUsed (a pre-Cancun header) but the block carries {blobs} blob(s).");
            }

            return;
        }

        // At most 2^64 / 2^17 blobs fit the field; more than that cannot match, and the product must not wrap.
        if (blobs > ulong.MaxValue / BlobGasPerBlob || blobs * BlobGasPerBlob != blobGasUsed)
        {
            throw context.Reject(L1BlockRejectionReason.BlobGasUsedMismatch, $"the header's blobGasUsed is {blobGasUsed}, the block's {blobs} blob(s) use {blobs} × {BlobGasPerBlob}.");
        }
    }

    private static IReadOnlyList<Withdrawal>? CheckWithdrawals(BlockHeader header, IReadOnlyList<Withdrawal>? withdrawals, Context context)
    {
        if (header.WithdrawalsRoot is not { } withdrawalsRoot)
        {
            return withdrawals is null
                ? null
                : throw context.Reject(L1BlockRejectionReason.MalformedWithdrawals, $"the header has no withdrawalsRoot but {withdrawals.Count} withdrawal(s) came with it.");
        }

        if (withdrawals is null)
        {
            throw context.Reject(L1BlockRejectionReason.MalformedWithdrawals, $"the header has withdrawalsRoot {withdrawalsRoot} but no withdrawals list came with it.");
        }

        var computed = BlockRoots.Withdrawals(withdrawals);
        return computed == withdrawalsRoot
            ? withdrawals
            : throw context.Reject(L1BlockRejectionReason.WithdrawalsRootMismatch,
                $"the header's withdrawalsRoot is {withdrawalsRoot}, the {withdrawals.Count} withdrawal(s) hash to {computed}.");
    }

    private static string BlobNote(Transaction[] transactions)
    {
        var blobTransactions = transactions.Count(t => t.Type == TransactionType.Blob);
        return blobTransactions == 0
            ? string.Empty
            : $" The block holds {blobTransactions} blob transaction(s); their canonical form is what consensus commits to. Anvil commits to their network form " +
              "(with blobs, commitments and proofs) instead, so its blocks with blob transactions never verify.";
    }

    private readonly record struct Context(ulong Number, Hash256 ClaimedHash)
    {
        public L1BlockVerificationException Reject(L1BlockRejectionReason reason, string detail, Exception? inner = null) =>
            new(reason, Number, ClaimedHash, detail, inner);
    }
}
