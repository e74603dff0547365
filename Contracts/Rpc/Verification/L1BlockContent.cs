using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Receipts;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// An L1 block whose header hashes to <see cref="Hash"/> and whose transactions, receipts (with logs) and withdrawals
/// match the header's roots; produced only by <see cref="L1BlockVerifier"/>. That proves the contents belong to the
/// header, not that the header is on the canonical L1 chain: chain the blocks with
/// <see cref="L1BlockVerifier.VerifyChild"/> from a trusted starting point for that.
/// </summary>
public sealed class L1BlockContent
{
    internal L1BlockContent(Hash256 hash, BlockHeader header, IReadOnlyList<L1BlockTransaction> transactions, IReadOnlyList<Withdrawal>? withdrawals)
    {
        Hash = hash;
        Header = header;
        Transactions = transactions;
        Withdrawals = withdrawals;
    }

    public Hash256 Hash { get; }

    public BlockHeader Header { get; }

    public ulong Number => Header.Number;

    /// <summary>The transactions in block order, each with its receipt.</summary>
    public IReadOnlyList<L1BlockTransaction> Transactions { get; }

    /// <summary>The EIP-4895 withdrawals; null before Shanghai.</summary>
    public IReadOnlyList<Withdrawal>? Withdrawals { get; }

    public override string ToString() => $"L1 block {Number} ({Hash}, {Transactions.Count} transactions)";
}
