using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Ethereum.Trie;
using Obscuro.Protocol.Tests.Ethereum.Rlp;
using Obscuro.Protocol.Tests.Ethereum.Transactions;

namespace Obscuro.Protocol.Tests.Ethereum.Blocks;

/// <summary>Recomputes the roots and bloom of real anvil headers from the blocks' contents.</summary>
public class BlockContentsTests
{
    /// <summary>The log anvil reported for the contract creation in block 5.</summary>
    internal static readonly Log CreationLog = new(
        Address.Parse("0xdfceb7de99cb6c958b6b47773c1dabfbe6590b4b"),
        [
            Hash256.Parse("0x2e8f8e47b1431ada6364ecc028ba7d65a74b2aab98c886180fe6e9096dbe911a"),
            Hash256.Parse("0x1111111111111111111111111111111111111111111111111111111111111111"),
        ],
        Hex.Decode("0x000000000000000000000000000000000000000000000000000000000000002a"));

    [Fact]
    public void Block_with_a_log_matches_its_header()
    {
        var (header, _) = HeaderJson.Parse(AnvilBlocks.PragueWithLog);
        var transaction = Transaction.Decode(Hex.Decode(AnvilVectors.DynamicFeeCreateRaw));
        var receipt = new Receipt(TransactionType.DynamicFee, succeeded: true, cumulativeGasUsed: 0xd937, [CreationLog]);

        Assert.Equal(header.TransactionsRoot, BlockRoots.Transactions([transaction]));
        Assert.Equal(header.TransactionsRoot, MerklePatriciaTrie.ComputeOrderedRoot([Hex.Decode(AnvilVectors.DynamicFeeCreateRaw)]));
        Assert.Equal(header.ReceiptsRoot, BlockRoots.Receipts([receipt]));
        Assert.Equal(header.LogsBloom, BlockRoots.LogsBloom([receipt]));
        Assert.Equal(header.WithdrawalsRoot, BlockRoots.Withdrawals([]));
        Assert.Equal(header.Sha3Uncles, BlockRoots.EmptyOmmersHash);
    }

    [Fact]
    public void Anvil_commits_to_a_blob_transaction_in_its_network_form()
    {
        // Consensus puts the canonical form (what ComputeHash hashes) in the transactions trie. Anvil 1.7.1 instead
        // puts the network form with the blob sidecar, the same bytes it returns from eth_getRawTransactionByHash.
        // This pins that quirk: roots over anvil's raw bytes match anvil, roots over decoded transactions do not.
        var (header, _) = HeaderJson.Parse(AnvilBlocks.PragueWithBlob);
        var canonical = Hex.Decode(AnvilVectors.BlobRaw);
        var sidecarOfZeroBlob = new RlpTree[]
        {
            RlpTree.List(new RlpString(new byte[131_072])),
            RlpTree.List(new RlpString([0xc0, .. new byte[47]])),
            RlpTree.List(new RlpString([0xc0, .. new byte[47]])),
        };
        byte[] network = [0x03, .. new RlpList([RlpTree.Decode(canonical.AsSpan(1)), .. sidecarOfZeroBlob]).Encode()];

        Assert.Equal(header.TransactionsRoot, MerklePatriciaTrie.ComputeOrderedRoot([network]));
        Assert.NotEqual(header.TransactionsRoot, BlockRoots.Transactions([Transaction.Decode(canonical)]));
        Assert.Equal(header.ReceiptsRoot, BlockRoots.Receipts([new Receipt(TransactionType.Blob, true, 21_000, [])]));
        Assert.True(header.LogsBloom.IsEmpty);
    }

    [Fact]
    public void Block_with_150_transfers_matches_its_header()
    {
        // Nonces 0..149 cross the 127/128 boundary where the trie key rlp(i) grows from one byte to two.
        var key = Enumerable.Repeat((byte)0x33, 32).ToArray();
        var transactions = new List<Transaction>();
        var receipts = new List<Receipt>();
        for (var i = 0; i < 150; i++)
        {
            transactions.Add(new DynamicFeeTransaction(AnvilVectors.ChainId, (ulong)i, 1_000_000_000UL, 10_000_000_000UL, 21_000,
                AnvilVectors.Recipient, (ulong)i + 1, ReadOnlyMemory<byte>.Empty, []).Sign(key));
            receipts.Add(new Receipt(TransactionType.DynamicFee, true, 21_000UL * (ulong)(i + 1), []));
        }

        var (header, _) = HeaderJson.Parse(AnvilBlocks.PragueWith150Transfers);
        Assert.Equal(Address.Parse("0x5cbdd86a2fa8dc4bddd8a8f69dba48572eec07fb"), transactions[149].RecoverSender());
        Assert.Equal(header.TransactionsRoot, BlockRoots.Transactions(transactions));
        Assert.Equal(header.ReceiptsRoot, BlockRoots.Receipts(receipts));
        Assert.Equal(header.GasUsed, receipts[^1].CumulativeGasUsed);

        // One transaction out of order, or one receipt off by a unit of gas, and the roots no longer match.
        (transactions[0], transactions[1]) = (transactions[1], transactions[0]);
        Assert.NotEqual(header.TransactionsRoot, BlockRoots.Transactions(transactions));
        receipts[75] = new Receipt(TransactionType.DynamicFee, true, receipts[75].CumulativeGasUsed + 1, []);
        Assert.NotEqual(header.ReceiptsRoot, BlockRoots.Receipts(receipts));
    }
}
