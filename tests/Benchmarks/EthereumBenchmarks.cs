using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Ethereum.Trie;

namespace Obscuro.Benchmarks;

/// <summary>The L1 data path: transaction encoding, hashing and recovery, header hashing, trie roots, block verification.</summary>
internal static class EthereumBenchmarks
{
    public static void Run(Report report)
    {
        var key = Keccak256.HashToArray("ethereum benchmark"u8);
        var transfer = new DynamicFeeTransaction(1, 42, new UInt256(1_000_000_000), new UInt256(30_000_000_000), 21_000,
            Address.Parse("0x3535353535353535353535353535353535353535"), new UInt256(1_000_000_000_000_000), ReadOnlyMemory<byte>.Empty, []).Sign(key);
        var raw = transfer.Encode();
        var buffer = new byte[raw.Length];

        report.Add(new("ethereum", $"RLP encode an EIP-1559 transfer ({raw.Length} bytes)", Meter.Rate(() => transfer.Encode(buffer)), "ops/s"));
        report.Add(new("ethereum", "RLP decode an EIP-1559 transfer", Meter.Rate(() => Transaction.Decode(raw)), "ops/s"));
        report.Add(new("ethereum", "transaction hash (encode + Keccak-256)", Meter.Rate(() => transfer.ComputeHash()), "ops/s"));
        report.Add(new("ethereum", "sender recovery (signing hash + secp256k1 recover)", Meter.Rate(() => transfer.TryRecoverSender(out _, out _)), "ops/s"));

        var (block, receipts) = SyntheticL1Block.Create();
        var header = RpcBlockConverter.ToHeader(block);
        report.Add(new("ethereum", "Prague header hash (all 21 fields)", Meter.Rate(() => header.ComputeHash()), "ops/s"));

        var transactions = block.Transactions.Select(RpcTransactionConverter.ToTransaction).ToArray();
        var encoded = transactions.Select(t => t.Encode()).ToArray();
        report.Add(new("ethereum", $"transactionsRoot of {encoded.Length} encoded transactions", Micros(() => MerklePatriciaTrie.ComputeOrderedRoot(encoded)), "µs"));
        report.Add(new("ethereum", $"transactionsRoot of {transactions.Length} transactions (with encoding)", Micros(() => BlockRoots.Transactions(transactions)), "µs"));

        var unverified = RpcBlockConverter.ToUnverified(block, receipts);
        var logs = receipts.Sum(r => r.Logs.Count);
        var shape = $"{block.Transactions.Count} tx, {logs} logs";
        report.Add(new("ethereum", $"verify an encoded block ({shape}), enclave side", Micros(() => L1BlockVerifier.Verify(unverified)), "µs",
            "hash, roots, bloom, gas; no sender recovery"));
        report.Add(new("ethereum", $"verify a JSON-RPC block ({shape}), convert + verify", Micros(() => L1BlockVerifier.Verify(block, receipts)), "µs",
            "plus re-encoding and hashing each transaction"));
        report.Add(new("ethereum", $"recover all {transactions.Length} senders of that block, 1 core", Micros(() =>
        {
            foreach (var transaction in transactions)
            {
                transaction.TryRecoverSender(out _, out _);
            }
        }), "µs", "only when a caller needs senders"));
    }

    private static double Micros(Action body) => 1_000_000 / Meter.Rate(body);
}
