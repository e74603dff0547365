using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Transactions;
using Xunit.Abstractions;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// Every block of a real anvil chain with a mix of transaction types, deployments, events and reverts: our header
/// hash, transactionsRoot and receiptsRoot must equal anvil's, and the verifier must accept each block as the child of
/// the one before.
/// </summary>
[Collection(MixedChain.Name)]
public sealed class MixedChainVerificationTests
{
    private readonly MixedChainFixture _chain;
    private readonly ITestOutputHelper _output;

    public MixedChainVerificationTests(MixedChainFixture chain, ITestOutputHelper output)
    {
        _chain = chain;
        _output = output;
    }

    [Fact]
    public void Every_block_verifies_and_chains_to_its_parent()
    {
        var verified = new List<L1BlockContent>();
        foreach (var fetched in _chain.Blocks)
        {
            var unverified = fetched.ToUnverified();
            verified.Add(verified.Count == 0
                ? L1BlockVerifier.Verify(unverified)
                : L1BlockVerifier.VerifyChild(unverified, verified[^1].Hash, verified[^1].Number));
        }

        Assert.Equal(_chain.Blocks.Select(b => b.Block.Hash), verified.Select(b => b.Hash));
        Assert.Equal(Enumerable.Range(0, verified.Count).Select(n => (ulong)n), verified.Select(b => b.Number));
    }

    [Fact]
    public void Header_hashes_and_roots_recomputed_here_equal_anvils()
    {
        // Independently of the verifier: Protocol's header hash and roots over the converted contents.
        foreach (var fetched in _chain.Blocks)
        {
            var block = fetched.Block;
            var transactions = block.Transactions.Select(RpcTransactionConverter.ToTransaction).ToList();
            var receipts = fetched.Receipts.Select(RpcReceiptConverter.ToReceipt).ToList();

            Assert.Equal(block.Hash, RpcBlockConverter.ToHeader(block).ComputeHash());
            Assert.Equal(block.TransactionsRoot, BlockRoots.Transactions(transactions));
            Assert.Equal(block.ReceiptsRoot, BlockRoots.Receipts(receipts));
            Assert.Equal(block.LogsBloom.ToArray(), BlockRoots.LogsBloom(receipts).Bytes.ToArray());
            Assert.Equal(block.WithdrawalsRoot, BlockRoots.Withdrawals([]));
            Assert.Empty(block.Withdrawals!);
            Assert.NotNull(block.RequestsHash); // Prague: all six fork fields are hashed
        }
    }

    [Fact]
    public void The_chain_holds_the_intended_mix_and_every_sender_recovers_to_anvils_from()
    {
        var contents = _chain.Blocks.Select(b => L1BlockVerifier.Verify(b.Block, b.Receipts)).ToList();
        var transactions = contents.SelectMany(c => c.Transactions).ToList();
        var reportedFrom = _chain.Blocks.SelectMany(b => b.Block.Transactions).ToDictionary(t => t.Hash, t => t.From);

        // Every transaction sent is in a verified block, and the verified blocks hold nothing else.
        Assert.Equal(_chain.Sent.Select(s => s.Hash).Order(), transactions.Select(t => t.Hash).Order());
        foreach (var transaction in transactions)
        {
            Assert.Equal(reportedFrom[transaction.Hash], transaction.Transaction.RecoverSender());
        }

        var unprotected = transactions.Count(t => t.Transaction is LegacyTransaction { ChainId: null });
        var deployments = transactions.Count(t => t.Transaction.To is null);
        var reverted = transactions.Count(t => t.Receipt.Succeeded == false);
        var logs = transactions.Sum(t => t.Receipt.Logs.Count);
        var byType = string.Join(", ", transactions.GroupBy(t => t.Transaction.Type).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
        _output.WriteLine($"{contents.Count} blocks, {transactions.Count} transactions ({byType}); {unprotected} unprotected legacy, " +
            $"{deployments} deployments, {reverted} reverted, {logs} logs; {contents.Count(c => c.Transactions.Count >= 3)} blocks with 3+ transactions.");

        var mixed = contents.Where(c => c.Transactions.Count >= 3).ToList();
        Assert.True(mixed.Count >= 30, $"{mixed.Count} blocks with at least 3 transactions");
        Assert.True(mixed.Count(c => c.Transactions.Select(t => t.Transaction.Type).Distinct().Count() >= 3) >= 25, "blocks mixing 3+ types");
        foreach (var type in new[] { TransactionType.Legacy, TransactionType.AccessList, TransactionType.DynamicFee, TransactionType.SetCode })
        {
            Assert.True(transactions.Count(t => t.Transaction.Type == type) >= 10, $"{type} transactions");
        }

        Assert.True(unprotected >= 10, "unprotected legacy transactions");
        Assert.True(deployments >= 10, "deployments");
        Assert.True(reverted >= 10, "reverted transactions");
        Assert.True(logs >= 100, "logs");
        Assert.All(transactions.Where(t => t.Receipt.Succeeded == false), t => Assert.Empty(t.Receipt.Logs));
    }
}
