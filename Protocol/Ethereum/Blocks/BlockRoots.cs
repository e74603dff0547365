using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Ethereum.Trie;

namespace Obscuro.Protocol.Ethereum.Blocks;

/// <summary>The header commitments to a block's contents, to check a header from an untrusted host against its body.</summary>
public static class BlockRoots
{
    /// <summary>keccak(rlp([])): the sha3Uncles of every block without ommers (all blocks since the merge).</summary>
    public static Hash256 EmptyOmmersHash { get; } = Hash256.Parse("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

    public static Hash256 Transactions(IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var items = new byte[transactions.Count][];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = transactions[i].Encode();
        }

        return MerklePatriciaTrie.ComputeOrderedRoot(items);
    }

    public static Hash256 Receipts(IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var items = new byte[receipts.Count][];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = receipts[i].Encode();
        }

        return MerklePatriciaTrie.ComputeOrderedRoot(items);
    }

    public static Hash256 Withdrawals(IReadOnlyList<Withdrawal> withdrawals)
    {
        ArgumentNullException.ThrowIfNull(withdrawals);
        var items = new byte[withdrawals.Count][];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = withdrawals[i].Encode();
        }

        return MerklePatriciaTrie.ComputeOrderedRoot(items);
    }

    /// <summary>The logsBloom of a block: the union of its receipts' blooms.</summary>
    public static Bloom LogsBloom(IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var blooms = new Bloom[receipts.Count];
        for (var i = 0; i < blooms.Length; i++)
        {
            blooms[i] = receipts[i].LogsBloom;
        }

        return Bloom.Union(blooms);
    }
}
