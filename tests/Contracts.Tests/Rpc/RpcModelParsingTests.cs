using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Rpc;

/// <summary>
/// Shapes anvil does not produce on demand (blob transactions, pre-fork blocks, pre-Byzantium receipts) and
/// malformed fields, parsed from JSON written after the execution-apis schema.
/// </summary>
public sealed class RpcModelParsingTests
{
    private const string Zero32 = "0x0000000000000000000000000000000000000000000000000000000000000000";
    private const string One32 = "0x0000000000000000000000000000000000000000000000000000000000000001";
    private const string Bloom = "0x" + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    private const string BlobTransaction = $$"""
        {"type":"0x3","chainId":"0x1","nonce":"0x2a","gas":"0x5208","maxFeePerGas":"0x3b9aca00","maxPriorityFeePerGas":"0x1",
         "maxFeePerBlobGas":"0x10","blobVersionedHashes":["{{One32}}"],"to":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
         "value":"0x0","accessList":[{"address":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","storageKeys":["{{Zero32}}"]}],
         "input":"0x1234","r":"0x1","s":"0x2","yParity":"0x1","v":"0x1","hash":"{{One32}}","blockHash":"{{Zero32}}",
         "blockNumber":"0x10","transactionIndex":"0x0","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","gasPrice":"0x3b9aca01"}
        """;

    private const string LegacyBlock = $$"""
        {"hash":"{{One32}}","parentHash":"{{Zero32}}","sha3Uncles":"{{Zero32}}","miner":"0x0000000000000000000000000000000000000000",
         "stateRoot":"{{Zero32}}","transactionsRoot":"{{Zero32}}","receiptsRoot":"{{Zero32}}","logsBloom":"{{Bloom}}",
         "difficulty":"0x20000","number":"0x1","gasLimit":"0x1c9c380","gasUsed":"0x0","timestamp":"0x5","extraData":"0xd883",
         "mixHash":"{{Zero32}}","nonce":"0x0000000000000042","uncles":[],"transactions":[{{BlobTransaction}}]}
        """;

    [Fact]
    public async Task Parses_a_blob_transaction_with_every_field()
    {
        using var handler = FakeRpcHandler.Returning(BlobTransaction);
        var client = Client(handler);

        var transaction = await client.GetTransactionByHashAsync(Hash256.Parse(One32));

        Assert.NotNull(transaction);
        Assert.Equal(3, transaction.Type);
        Assert.Equal(1UL, transaction.ChainId);
        Assert.Equal(42UL, transaction.Nonce);
        Assert.Equal(new UInt256(16), transaction.MaxFeePerBlobGas);
        Assert.Equal(Hash256.Parse(One32), Assert.Single(transaction.BlobVersionedHashes!));
        Assert.Single(Assert.Single(transaction.AccessList!).StorageKeys);
        Assert.Equal((byte)1, transaction.YParity);
        Assert.Equal(new UInt256(2), transaction.S);
        Assert.Equal("0x1234", Hex.Encode(transaction.Input.Span));
        Assert.Null(transaction.AuthorizationList);
        Assert.Null(transaction.BlockTimestamp);
        Assert.Equal(16UL, transaction.BlockNumber);
    }

    [Fact]
    public async Task Parses_a_pre_london_block_leaving_later_header_fields_null()
    {
        using var handler = FakeRpcHandler.Returning(LegacyBlock);
        var client = Client(handler);

        var block = await client.GetBlockByHashAsync(Hash256.Parse(One32));

        Assert.NotNull(block);
        Assert.Equal(new UInt256(0x20000), block.Difficulty);
        Assert.Equal("0x0000000000000042", Hex.Encode(block.Nonce.Span));
        Assert.Equal(256, block.LogsBloom.Length);
        Assert.Null(block.BaseFeePerGas);
        Assert.Null(block.WithdrawalsRoot);
        Assert.Null(block.BlobGasUsed);
        Assert.Null(block.ExcessBlobGas);
        Assert.Null(block.ParentBeaconBlockRoot);
        Assert.Null(block.RequestsHash);
        Assert.Null(block.Withdrawals);
        Assert.Equal(3, Assert.Single(block.Transactions).Type);
    }

    [Fact]
    public async Task Parses_a_pre_byzantium_receipt_with_a_state_root()
    {
        const string receiptJson = $$"""
            {"transactionHash":"{{One32}}","transactionIndex":"0x0","blockHash":"{{Zero32}}","blockNumber":"0x1",
             "from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","to":null,"cumulativeGasUsed":"0x5208","gasUsed":"0x5208",
             "effectiveGasPrice":"0x1","contractAddress":"0x5fbdb2315678afecb367f032d93f642f64180aa3","root":"{{One32}}",
             "logs":[{"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["{{One32}}"],"data":"0x","removed":true}],
             "logsBloom":"{{Bloom}}"}
            """;
        using var handler = FakeRpcHandler.Returning(receiptJson);
        var client = Client(handler);

        var receipt = await client.GetTransactionReceiptAsync(Hash256.Parse(One32));

        Assert.NotNull(receipt);
        Assert.Null(receipt.Status);
        Assert.False(receipt.Succeeded);
        Assert.Equal(Hash256.Parse(One32), receipt.Root);
        Assert.Equal(0, receipt.Type);
        Assert.Null(receipt.To);
        Assert.True(Assert.Single(receipt.Logs).Removed);
    }

    [Theory]
    [InlineData("\"gas\":\"0x5208\"", "\"gas\":\"0x05208\"", "transactions[0].gas", "leading zero")]
    [InlineData("\"hash\":\"" + One32 + "\",\"parentHash\"", "\"hash\":\"0x01\",\"parentHash\"", "result.hash", "expected 32 bytes")]
    [InlineData("\"nonce\":\"0x0000000000000042\"", "\"nonce\":\"0x42\"", "result.nonce", "expected 8 bytes")]
    [InlineData("\"miner\":\"0x0000000000000000000000000000000000000000\"", "\"miner\":\"0x00\"", "result.miner", "not an address")]
    [InlineData("\"number\":\"0x1\",", "", "result.number is missing", "")]
    [InlineData("\"type\":\"0x3\"", "\"type\":\"0x100\"", "transactions[0].type", "does not fit in a byte")]
    [InlineData("\"uncles\":[]", "\"uncles\":{}", "result.uncles", "expected an array")]
    public async Task Malformed_fields_are_named_in_the_error(string field, string replacement, string where, string problem)
    {
        Assert.Contains(field, LegacyBlock, StringComparison.Ordinal);
        using var handler = FakeRpcHandler.Returning(LegacyBlock.Replace(field, replacement, StringComparison.Ordinal));
        var client = Client(handler);

        var e = await Assert.ThrowsAsync<RpcProtocolException>(() => client.GetBlockByNumberAsync(BlockTag.Latest));

        Assert.Contains(where, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_with_transaction_hashes_instead_of_transactions_is_refused()
    {
        using var handler = FakeRpcHandler.Returning(LegacyBlock.Replace(BlobTransaction, "\"" + One32 + "\"", StringComparison.Ordinal));
        var client = Client(handler);

        var e = await Assert.ThrowsAsync<RpcProtocolException>(() => client.GetBlockByNumberAsync(BlockTag.At(1)));

        Assert.Contains("transaction hash where the full transaction was requested", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_blocks_and_receipts_are_null()
    {
        using var handler = FakeRpcHandler.Returning("null");
        var client = Client(handler);

        Assert.Null(await client.GetBlockByNumberAsync(BlockTag.At(99)));
        Assert.Null(await client.GetTransactionReceiptAsync(Hash256.Zero));
        Assert.Null(await client.GetBlockReceiptsAsync(Hash256.Zero));
    }

    [Fact]
    public async Task The_pending_block_is_refused_because_it_has_no_hash()
    {
        using var handler = FakeRpcHandler.Returning("null");
        var client = Client(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetBlockByNumberAsync(BlockTag.Pending));
    }

    private static EthRpcClient Client(FakeRpcHandler handler) =>
        new(new HttpClient(handler, disposeHandler: false), new EthRpcOptions { Endpoint = new Uri("http://127.0.0.1:1"), MaxAttempts = 1 });
}
