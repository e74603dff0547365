using System.Globalization;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Transactions;
using static Obscuro.Contracts.Tests.CrossCheck.Forgery;
using Reason = Obscuro.Contracts.Rpc.Verification.L1BlockRejectionReason;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// A real anvil block (several transaction types, logs, a revert) altered in one way at a time: the verifier must
/// reject each with the reason that names the alteration. "Consistent" cases have the liar recompute every derived
/// value it can (<see cref="Forgery.MakeConsistent"/>); "forged header" cases also re-hash the altered header.
/// </summary>
[Collection(MixedChain.Name)]
public sealed class TamperedBlockTests
{
    private static readonly Hash256 Other = Keccak256.Hash("other"u8);
    private readonly MixedChainFixture _chain;
    private readonly FetchedL1Block _original;
    private readonly RpcBlock _block;
    private readonly IReadOnlyList<RpcReceipt> _receipts;
    private readonly int _logged;
    private readonly int _dynamicFee;

    public TamperedBlockTests(MixedChainFixture chain)
    {
        _chain = chain;
        _original = chain.Blocks.First(b =>
            b.Block.Transactions.Count >= 5 &&
            b.Receipts.Any(r => r.Logs.Count >= 2) &&
            b.Block.Transactions.Any(t => t.Type == (byte)TransactionType.DynamicFee) &&
            b.Receipts.Any(r => !r.Succeeded));
        (_block, _receipts) = (_original.Block, _original.Receipts);
        _logged = _receipts.ToList().FindIndex(r => r.Logs.Count >= 2);
        _dynamicFee = _block.Transactions.ToList().FindIndex(t => t.Type == (byte)TransactionType.DynamicFee);
    }

    private int Last => _block.Transactions.Count - 1;

    [Fact]
    public void The_untouched_block_verifies_and_consistent_rewriting_alone_changes_nothing()
    {
        var content = L1BlockVerifier.Verify(_block, _receipts);
        var rewritten = MakeConsistent(_block, _receipts, rehashHeader: true);

        Assert.Equal(_block.Hash, content.Hash);
        Assert.Equal(_block.Transactions.Count, content.Transactions.Count);
        Assert.Equal(_block.Hash, rewritten.Block.Hash);
        Assert.Equal(content.Hash, L1BlockVerifier.Verify(rewritten.Block, rewritten.Receipts).Hash);
    }

    [Theory]
    [InlineData("header stateRoot", Reason.HeaderHashMismatch)]
    [InlineData("header timestamp", Reason.HeaderHashMismatch)]
    [InlineData("header extraData", Reason.HeaderHashMismatch)]
    [InlineData("header requestsHash dropped", Reason.HeaderHashMismatch)]
    [InlineData("header withdrawalsRoot dropped, later fork fields kept", Reason.MalformedHeader)]
    [InlineData("header nonce of 7 bytes", Reason.MalformedHeader)]
    [InlineData("ommer listed", Reason.UnexpectedOmmers)]
    [InlineData("forged header: sha3Uncles", Reason.UnexpectedOmmers)]
    [InlineData("forged header: transactionsRoot", Reason.TransactionsRootMismatch)]
    [InlineData("forged header: receiptsRoot", Reason.ReceiptsRootMismatch)]
    [InlineData("forged header: logsBloom", Reason.LogsBloomMismatch)]
    [InlineData("forged header: gasUsed", Reason.GasUsedMismatch)]
    [InlineData("forged header: blobGasUsed", Reason.BlobGasUsedMismatch)]
    [InlineData("forged header: withdrawalsRoot", Reason.WithdrawalsRootMismatch)]
    [InlineData("transaction value", Reason.TransactionHashMismatch)]
    [InlineData("transaction input", Reason.TransactionHashMismatch)]
    [InlineData("consistent: transaction value", Reason.TransactionsRootMismatch)]
    [InlineData("consistent: transaction signature", Reason.TransactionsRootMismatch)]
    [InlineData("consistent: two transactions and their receipts swapped", Reason.TransactionsRootMismatch)]
    [InlineData("consistent: last transaction and receipt dropped", Reason.TransactionsRootMismatch)]
    [InlineData("transaction index", Reason.TransactionPositionMismatch)]
    [InlineData("transaction block hash", Reason.TransactionPositionMismatch)]
    [InlineData("transaction block number", Reason.TransactionPositionMismatch)]
    [InlineData("transaction of an unknown type", Reason.MalformedTransaction)]
    [InlineData("dynamic-fee transaction without maxFeePerGas", Reason.MalformedTransaction)]
    [InlineData("typed transaction with v unlike yParity", Reason.MalformedTransaction)]
    [InlineData("receipt status flipped", Reason.ReceiptsRootMismatch)]
    [InlineData("receipt cumulativeGasUsed of the first", Reason.ReceiptsRootMismatch)]
    [InlineData("receipt cumulativeGasUsed of the last", Reason.GasUsedMismatch)]
    [InlineData("receipt for another transaction", Reason.ReceiptTransactionMismatch)]
    [InlineData("receipt index", Reason.ReceiptTransactionMismatch)]
    [InlineData("receipt type", Reason.ReceiptTransactionMismatch)]
    [InlineData("receipt block hash", Reason.ReceiptBlockMismatch)]
    [InlineData("receipt block number", Reason.ReceiptBlockMismatch)]
    [InlineData("receipt missing", Reason.ReceiptCountMismatch)]
    [InlineData("receipt status 2", Reason.MalformedReceipt)]
    [InlineData("receipt bloom cleared", Reason.ReceiptBloomMismatch)]
    [InlineData("log address", Reason.ReceiptBloomMismatch)]
    [InlineData("log data", Reason.ReceiptsRootMismatch)]
    [InlineData("consistent: log topic", Reason.ReceiptsRootMismatch)]
    [InlineData("consistent: log dropped", Reason.ReceiptsRootMismatch)]
    [InlineData("consistent: log added", Reason.ReceiptsRootMismatch)]
    [InlineData("log block hash", Reason.LogPositionMismatch)]
    [InlineData("log block number", Reason.LogPositionMismatch)]
    [InlineData("log transaction hash", Reason.LogPositionMismatch)]
    [InlineData("log index", Reason.LogPositionMismatch)]
    [InlineData("log marked removed", Reason.LogPositionMismatch)]
    [InlineData("withdrawal added", Reason.WithdrawalsRootMismatch)]
    [InlineData("withdrawals missing", Reason.MalformedWithdrawals)]
    public void A_tampered_rpc_block_is_rejected_with_the_reason(string tampering, Reason expected)
    {
        var (block, receipts) = Tamper(tampering);

        var rejected = Assert.Throws<L1BlockVerificationException>(() => L1BlockVerifier.Verify(block, receipts));

        Assert.Equal(expected, rejected.Reason);
        Assert.Equal(_block.Number, rejected.BlockNumber);
        Assert.Equal(block.Hash, rejected.ClaimedHash);
        Assert.StartsWith($"L1 block {_block.Number.ToString(CultureInfo.InvariantCulture)} ({block.Hash}) rejected, {expected}: ", rejected.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claimed hash", Reason.HeaderHashMismatch)]
    [InlineData("header bytes truncated", Reason.MalformedHeader)]
    [InlineData("header bytes with a trailing byte", Reason.MalformedHeader)]
    [InlineData("transaction from another block", Reason.TransactionsRootMismatch)]
    [InlineData("transaction bytes with a trailing byte", Reason.MalformedTransaction)]
    [InlineData("receipt re-encoded with the other status", Reason.ReceiptsRootMismatch)]
    [InlineData("receipt bloom byte flipped", Reason.MalformedReceipt)]
    [InlineData("receipt added", Reason.ReceiptCountMismatch)]
    [InlineData("receipts reversed", Reason.GasUsedMismatch)]
    [InlineData("withdrawals dropped", Reason.MalformedWithdrawals)]
    public void A_tampered_encoded_block_is_rejected_with_the_reason(string tampering, Reason expected)
    {
        var original = _original.ToUnverified();
        var tampered = tampering switch
        {
            "claimed hash" => original with { ClaimedHash = Other },
            "header bytes truncated" => original with { Header = original.Header[..^1] },
            "header bytes with a trailing byte" => original with { Header = original.Header.ToArray().Append((byte)0x80).ToArray() },
            "transaction from another block" => original with
            {
                Transactions = Replace(original.Transactions, 0, _ => _chain.Blocks.First(b => b != _original && b.Block.Transactions.Count > 0).ToUnverified().Transactions[0]),
            },
            "transaction bytes with a trailing byte" => original with { Transactions = Replace(original.Transactions, 0, t => t.ToArray().Append((byte)0x80).ToArray()) },
            "receipt re-encoded with the other status" => original with { Receipts = Replace(original.Receipts, 0, FlipStatus) },
            "receipt bloom byte flipped" => original with { Receipts = Replace(original.Receipts, _logged, FlipBloomByte) },
            "receipt added" => original with { Receipts = [.. original.Receipts, original.Receipts[^1]] },
            "receipts reversed" => original with { Receipts = original.Receipts.Reverse().ToArray() },
            "withdrawals dropped" => original with { Withdrawals = null },
            _ => throw new ArgumentOutOfRangeException(nameof(tampering), tampering, null),
        };

        var rejected = Assert.Throws<L1BlockVerificationException>(() => L1BlockVerifier.Verify(tampered));

        Assert.Equal(expected, rejected.Reason);
        Assert.Equal(tampered.ClaimedHash, rejected.ClaimedHash);
    }

    [Fact]
    public void A_block_is_a_child_only_of_its_parent()
    {
        var parent = _chain.Blocks[(int)_block.Number - 1].Block;
        var unverified = _original.ToUnverified();

        var child = L1BlockVerifier.VerifyChild(unverified, parent.Hash, parent.Number);
        var wrongHash = Assert.Throws<L1BlockVerificationException>(() => L1BlockVerifier.VerifyChild(unverified, Other, parent.Number));
        var wrongNumber = Assert.Throws<L1BlockVerificationException>(() => L1BlockVerifier.VerifyChild(unverified, parent.Hash, parent.Number + 1));

        Assert.Equal(_block.Hash, child.Hash);
        Assert.Equal(Reason.NotChildOfParent, wrongHash.Reason);
        Assert.Equal(Reason.NotChildOfParent, wrongNumber.Reason);
        Assert.Contains(parent.Hash.ToString(), wrongHash.Message, StringComparison.Ordinal);
    }

    private (RpcBlock Block, IReadOnlyList<RpcReceipt> Receipts) Tamper(string tampering)
    {
        var (b, r) = (_block, _receipts);
        return tampering switch
        {
            "header stateRoot" => (b with { StateRoot = Other }, r),
            "header timestamp" => (b with { Timestamp = b.Timestamp + 1 }, r),
            "header extraData" => (b with { ExtraData = new byte[] { 1 } }, r),
            "header requestsHash dropped" => (b with { RequestsHash = null }, r),
            "header withdrawalsRoot dropped, later fork fields kept" => (b with { WithdrawalsRoot = null }, r),
            "header nonce of 7 bytes" => (b with { Nonce = new byte[7] }, r),
            "ommer listed" => (b with { Uncles = [Other] }, r),
            "forged header: sha3Uncles" => Forged(b with { Sha3Uncles = Other }, r),
            "forged header: transactionsRoot" => Forged(b with { TransactionsRoot = Other }, r),
            "forged header: receiptsRoot" => Forged(b with { ReceiptsRoot = Other }, r),
            "forged header: logsBloom" => Forged(b with { LogsBloom = new byte[Bloom.Size] }, r),
            "forged header: gasUsed" => Forged(b with { GasUsed = b.GasUsed + 1 }, r),
            "forged header: blobGasUsed" => Forged(b with { BlobGasUsed = 131_072 }, r),
            "forged header: withdrawalsRoot" => Forged(b with { WithdrawalsRoot = Other }, r),
            "transaction value" => (b with { Transactions = Replace(b.Transactions, 0, t => t with { Value = t.Value + UInt256.One }) }, r),
            "transaction input" => (b with { Transactions = Replace(b.Transactions, Last, t => t with { Input = new byte[] { 0xde, 0xad } }) }, r),
            "consistent: transaction value" => Consistent(b with { Transactions = Replace(b.Transactions, 0, t => t with { Value = t.Value + UInt256.One }) }, r),
            "consistent: transaction signature" => Consistent(b with { Transactions = Replace(b.Transactions, 0, t => t with { S = t.S - UInt256.One }) }, r),
            "consistent: two transactions and their receipts swapped" => Consistent(
                b with { Transactions = [b.Transactions[1], b.Transactions[0], .. b.Transactions.Skip(2)] }, [r[1], r[0], .. r.Skip(2)]),
            "consistent: last transaction and receipt dropped" => Consistent(b with { Transactions = Remove(b.Transactions, Last) }, Remove(r, Last)),
            "transaction index" => (b with { Transactions = Replace(b.Transactions, 1, t => t with { TransactionIndex = 0 }) }, r),
            "transaction block hash" => (b with { Transactions = Replace(b.Transactions, 0, t => t with { BlockHash = Other }) }, r),
            "transaction block number" => (b with { Transactions = Replace(b.Transactions, 0, t => t with { BlockNumber = b.Number + 1 }) }, r),
            "transaction of an unknown type" => (b with { Transactions = Replace(b.Transactions, 0, t => t with { Type = 0x7e }) }, r),
            "dynamic-fee transaction without maxFeePerGas" => (b with { Transactions = Replace(b.Transactions, _dynamicFee, t => t with { MaxFeePerGas = null }) }, r),
            "typed transaction with v unlike yParity" => (b with { Transactions = Replace(b.Transactions, _dynamicFee, t => t with { V = new UInt256(1UL - t.YParity!.Value) }) }, r),
            "receipt status flipped" => (b, Replace(r, 0, x => x with { Status = (byte)(1 - x.Status!.Value) })),
            "receipt cumulativeGasUsed of the first" => (b, Replace(r, 0, x => x with { CumulativeGasUsed = x.CumulativeGasUsed + 1 })),
            "receipt cumulativeGasUsed of the last" => (b, Replace(r, Last, x => x with { CumulativeGasUsed = x.CumulativeGasUsed + 1 })),
            "receipt for another transaction" => (b, Replace(r, 0, x => x with { TransactionHash = Other })),
            "receipt index" => (b, Replace(r, 1, x => x with { TransactionIndex = 0 })),
            "receipt type" => (b, Replace(r, _dynamicFee, x => x with { Type = (byte)TransactionType.AccessList })),
            "receipt block hash" => (b, Replace(r, 0, x => x with { BlockHash = Other })),
            "receipt block number" => (b, Replace(r, 0, x => x with { BlockNumber = b.Number - 1 })),
            "receipt missing" => (b, Remove(r, Last)),
            "receipt status 2" => (b, Replace(r, 0, x => x with { Status = 2 })),
            "receipt bloom cleared" => (b, Replace(r, _logged, x => x with { LogsBloom = new byte[Bloom.Size] })),
            "log address" => (b, Replace(r, _logged, x => x with { Logs = Replace(x.Logs, 0, l => l with { Address = Address.Zero }) })),
            "log data" => (b, Replace(r, _logged, x => x with { Logs = Replace(x.Logs, 0, l => l with { Data = new byte[] { 1, 2, 3 } }) })),
            "consistent: log topic" => Consistent(b, Replace(r, _logged, x => x with { Logs = Replace(x.Logs, 0, l => l with { Topics = [Other, .. l.Topics.Skip(1)] }) })),
            "consistent: log dropped" => Consistent(b, Replace(r, _logged, x => x with { Logs = Remove(x.Logs, 0) })),
            "consistent: log added" => Consistent(b, Replace(r, _logged, x => x with { Logs = [.. x.Logs, x.Logs[0]] })),
            "log block hash" => (b, Replace(r, _logged, x => x with { Logs = Replace(x.Logs, 0, l => l with { BlockHash = Other }) })),
            "log block number" => (b, Replace(r, _logged, x => x with { Logs = Replace(x.Logs, 0, l => l with { BlockNumber = b.Number + 1 }) })),
            "log transaction hash" => (b, Replace(r, _logged, x => x with { Logs = Replace(x.Logs, 0, l => l with { TransactionHash = Other }) })),
            "log index" => (b, Replace(r, _logged, x => x with { Logs = Replace(x.Logs, 1, l => l with { LogIndex = l.LogIndex + 1 }) })),
            "log marked removed" => (b, Replace(r, _logged, x => x with { Logs = Replace(x.Logs, 0, l => l with { Removed = true }) })),
            "withdrawal added" => (b with { Withdrawals = [new RpcWithdrawal(0, 1, Address.Zero, 32_000_000_000)] }, r),
            "withdrawals missing" => (b with { Withdrawals = null }, r),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering), tampering, null),
        };
    }

    private static (RpcBlock, IReadOnlyList<RpcReceipt>) Consistent(RpcBlock block, IReadOnlyList<RpcReceipt> receipts)
    {
        var fixedUp = MakeConsistent(block, receipts);
        return (fixedUp.Block, fixedUp.Receipts);
    }

    private static (RpcBlock, IReadOnlyList<RpcReceipt>) Forged(RpcBlock block, IReadOnlyList<RpcReceipt> receipts)
    {
        var fixedUp = MakeConsistent(block, receipts, rehashHeader: true);
        return (fixedUp.Block, fixedUp.Receipts);
    }

    private static ReadOnlyMemory<byte> FlipStatus(ReadOnlyMemory<byte> encoded)
    {
        var receipt = Receipt.Decode(encoded.Span);
        return new Receipt(receipt.Type, receipt.Succeeded != true, receipt.CumulativeGasUsed, receipt.Logs).Encode();
    }

    /// <summary>Flips a bit of the bloom inside the encoding (it follows its 0xb9 0x01 0x00 prefix), so it no longer matches the logs.</summary>
    private static ReadOnlyMemory<byte> FlipBloomByte(ReadOnlyMemory<byte> encoded)
    {
        var bytes = encoded.ToArray();
        var bloom = bytes.AsSpan().IndexOf(new byte[] { 0xb9, 0x01, 0x00 }) + 3;
        bytes[bloom] ^= 0x01;
        return bytes;
    }
}
