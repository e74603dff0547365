using System.Text.Json.Nodes;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Tests.Anvil;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Rpc;

/// <summary>The JSON-RPC client against a real anvil: every method, every transaction type anvil can make.</summary>
[Collection(SharedAnvil.Name)]
public sealed class EthRpcClientAnvilTests
{
    private static readonly Address Recipient = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private readonly AnvilFixture _fixture;

    public EthRpcClientAnvilTests(AnvilFixture fixture)
    {
        _fixture = fixture;
    }

    private EthRpcClient Client => _fixture.Client;

    [Fact]
    public async Task Chain_id_and_block_number()
    {
        var before = await Client.GetBlockNumberAsync();
        await Client.MineAsync(3);

        Assert.Equal(31337UL, await Client.GetChainIdAsync());
        Assert.Equal(before + 3, await Client.GetBlockNumberAsync());
    }

    [Fact]
    public async Task Blocks_carry_every_header_field_and_full_transactions_of_each_type()
    {
        var legacy = await SendAsync(new JsonObject { ["gasPrice"] = "0x77359400" });
        var accessList = await SendAsync(AccessListFields());
        var dynamicFee = await SendAsync(new JsonObject());
        var setCode = await SendAsync(new JsonObject
        {
            ["authorizationList"] = new JsonArray(new JsonObject
            {
                ["chainId"] = "0x7a69",
                ["address"] = _fixture.AbiProbeAddress.ToString(),
                ["nonce"] = "0x0",
                ["yParity"] = "0x1",
                ["r"] = "0x" + new string('1', 64),
                ["s"] = "0x" + new string('2', 64),
            }),
        });

        var block = await Client.GetBlockByNumberAsync(BlockTag.At(setCode.BlockNumber));
        var byHash = await Client.GetBlockByHashAsync(setCode.BlockHash);
        var types = new List<byte>();
        foreach (var receipt in new[] { legacy, accessList, dynamicFee, setCode })
        {
            var containing = await Client.GetBlockByHashAsync(receipt.BlockHash);
            types.Add(Assert.Single(containing!.Transactions).Type);
        }

        Assert.NotNull(block);
        Assert.NotNull(byHash);
        Assert.Equal(block.Hash, byHash.Hash);
        Assert.Equal(block.StateRoot, byHash.StateRoot);
        Assert.Equal(block.Timestamp, byHash.Timestamp);
        Assert.Equal([0, 1, 2, 4], types);
        Assert.Equal(setCode.BlockHash, block.Hash);
        Assert.Equal(setCode.BlockNumber, block.Number);
        Assert.NotNull(block.BaseFeePerGas);
        Assert.NotNull(block.WithdrawalsRoot);
        Assert.NotNull(block.BlobGasUsed);
        Assert.NotNull(block.ExcessBlobGas);
        Assert.NotNull(block.ParentBeaconBlockRoot);
        Assert.NotNull(block.RequestsHash);
        Assert.Equal(8, block.Nonce.Length);
        Assert.Empty(block.Withdrawals!);

        var transaction = Assert.Single(block.Transactions);
        Assert.Equal(setCode.TransactionHash, transaction.Hash);
        Assert.Equal(AnvilFixture.DevAccount, transaction.From);
        Assert.Equal(Recipient, transaction.To);
        Assert.Equal(31337UL, transaction.ChainId);
        Assert.NotNull(transaction.MaxFeePerGas);
        Assert.NotNull(transaction.MaxPriorityFeePerGas);
        Assert.NotNull(transaction.YParity);
        Assert.False(transaction.R.IsZero);
        Assert.Equal(block.Hash, transaction.BlockHash);
        var authorization = Assert.Single(transaction.AuthorizationList!);
        Assert.Equal(_fixture.AbiProbeAddress, authorization.Address);
        Assert.Equal(new UInt256(31337), authorization.ChainId);
    }

    [Fact]
    public async Task Legacy_and_access_list_transactions_have_their_own_fields()
    {
        var legacy = await SendAsync(new JsonObject { ["gasPrice"] = "0x77359400" });
        var accessList = await SendAsync(AccessListFields());

        var legacyTransaction = await Client.GetTransactionByHashAsync(legacy.TransactionHash);
        var accessListTransaction = await Client.GetTransactionByHashAsync(accessList.TransactionHash);

        Assert.Equal(0, legacyTransaction!.Type);
        Assert.Equal(new UInt256(0x77359400), legacyTransaction.GasPrice);
        Assert.Contains(legacyTransaction.V!.Value, new[] { new UInt256((31337 * 2) + 35), new UInt256((31337 * 2) + 36) }); // EIP-155
        Assert.Null(legacyTransaction.MaxFeePerGas);
        Assert.Equal(1, accessListTransaction!.Type);
        var entry = Assert.Single(accessListTransaction.AccessList!);
        Assert.Equal(_fixture.AbiProbeAddress, entry.Address);
        Assert.Equal(Hash256.Zero, Assert.Single(entry.StorageKeys));
    }

    [Fact]
    public async Task Receipts_by_transaction_and_by_block_agree()
    {
        var deployment = await _fixture.SendTransactionAsync(null, _fixture.AbiProbe.EncodeDeployment());

        var byBlockNumber = await Client.GetBlockReceiptsAsync(BlockTag.At(deployment.BlockNumber));
        var byBlockHash = await Client.GetBlockReceiptsAsync(deployment.BlockHash);

        Assert.True(deployment.Succeeded);
        Assert.Equal(2, deployment.Type);
        Assert.NotNull(deployment.ContractAddress);
        Assert.Null(deployment.To);
        Assert.True(deployment.GasUsed > 21000);
        Assert.Equal(deployment.GasUsed, deployment.CumulativeGasUsed);
        Assert.False(deployment.EffectiveGasPrice.IsZero);
        Assert.Equal(256, deployment.LogsBloom.Length);
        var fromBlock = Assert.Single(byBlockNumber!);
        Assert.Equal(deployment.TransactionHash, fromBlock.TransactionHash);
        Assert.Equal(deployment.ContractAddress, fromBlock.ContractAddress);
        Assert.Equal(deployment.TransactionHash, Assert.Single(byBlockHash!).TransactionHash);
        Assert.Null(await Client.GetTransactionReceiptAsync(Keccak256.Hash("no such transaction"u8)));
        Assert.Null(await Client.GetBlockByNumberAsync(BlockTag.At(1_000_000_000)));
    }

    [Fact]
    public async Task Call_reads_state_at_the_requested_block()
    {
        var counter = _fixture.AbiProbe.Abi.GetFunction("counter");
        var emit = _fixture.AbiProbe.Abi.GetFunction("emitEvents");
        var read = CallRequest.Create(_fixture.AbiProbeAddress, counter.EncodeCall());
        var before = await Client.GetBlockNumberAsync();
        var countBefore = counter.DecodeOutput(await Client.CallAsync(read, BlockTag.Latest)).Get<UInt256>(0);

        await _fixture.SendTransactionAsync(_fixture.AbiProbeAddress, emit.EncodeCall(1, "c", Array.Empty<byte>(), new AbiTuple(1UL, "c", Array.Empty<object>())));

        var atBefore = counter.DecodeOutput(await Client.CallAsync(read, BlockTag.At(before))).Get<UInt256>(0);
        var atLatest = counter.DecodeOutput(await Client.CallAsync(read, BlockTag.Latest)).Get<UInt256>(0);
        Assert.Equal(countBefore, atBefore);
        Assert.Equal(countBefore + UInt256.One, atLatest);
    }

    [Fact]
    public async Task Estimates_gas_fee_history_and_prices()
    {
        var transfer = new CallRequest { From = AnvilFixture.DevAccount, To = Recipient, Value = UInt256.One };
        await SendAsync(new JsonObject());
        await SendAsync(new JsonObject());

        var gas = await Client.EstimateGasAsync(transfer);
        var history = await Client.GetFeeHistoryAsync(2, BlockTag.Latest, [25, 75]);
        var gasPrice = await Client.GetGasPriceAsync();
        var priorityFee = await Client.GetMaxPriorityFeePerGasAsync();

        Assert.Equal(21000UL, gas);
        Assert.Equal(3, history.BaseFeePerGas.Count);
        Assert.Equal(2, history.GasUsedRatio.Count);
        Assert.Equal(2, history.Reward!.Count);
        Assert.All(history.Reward, percentiles => Assert.Equal(2, percentiles.Count));
        Assert.Equal(await Client.GetBlockNumberAsync() - 1, history.OldestBlock);
        Assert.False(gasPrice.IsZero);
        Assert.False(priorityFee.IsZero);
    }

    [Fact]
    public async Task Pending_nonce_counts_pool_transactions()
    {
        await Client.RequestAsync("anvil_setAutomine", [false]);
        try
        {
            var latest = await Client.GetTransactionCountAsync(AnvilFixture.DevAccount, BlockTag.Latest);
            await Client.RequestAsync("eth_sendTransaction", [new JsonObject { ["from"] = AnvilFixture.DevAccount.ToString(), ["to"] = Recipient.ToString(), ["value"] = "0x1" }]);

            Assert.Equal(latest + 1, await Client.GetTransactionCountAsync(AnvilFixture.DevAccount, BlockTag.Pending));
            Assert.Equal(latest, await Client.GetTransactionCountAsync(AnvilFixture.DevAccount, BlockTag.Latest));
        }
        finally
        {
            await Client.RequestAsync("anvil_setAutomine", [true]);
            await Client.MineAsync();
        }
    }

    [Fact]
    public async Task Balance_and_code()
    {
        var account = Address.Parse("0x000000000000000000000000000000000000bEEF");
        var balance = UInt256.Parse("123456789012345678901234567890");

        await Client.SetBalanceAsync(account, balance);

        Assert.Equal(balance, await Client.GetBalanceAsync(account, BlockTag.Latest));
        Assert.Empty(await Client.GetCodeAsync(account, BlockTag.Latest));
        Assert.Equal(_fixture.AbiProbe.DeployedBytecode.ToArray(), await Client.GetCodeAsync(_fixture.AbiProbeAddress, BlockTag.Latest));
    }

    [Fact]
    public async Task Send_raw_transaction_submits_signed_bytes()
    {
        // anvil signs for its dev accounts; the project's own signer comes with the L1 sender.
        var nonce = await Client.GetTransactionCountAsync(AnvilFixture.DevAccount, BlockTag.Pending);
        var signed = await Client.RequestAsync("eth_signTransaction", [new JsonObject
        {
            ["from"] = AnvilFixture.DevAccount.ToString(),
            ["to"] = Recipient.ToString(),
            ["value"] = "0x2",
            ["nonce"] = HexQuantity.Format(nonce),
            ["gas"] = "0x5208",
            ["maxFeePerGas"] = "0x77359400",
            ["maxPriorityFeePerGas"] = "0x1",
        }]);
        var raw = HexQuantity.ParseData(signed.GetString()!);

        var hash = await Client.SendRawTransactionAsync(raw);
        var receipt = await _fixture.WaitForReceiptAsync(hash);

        Assert.Equal(Keccak256.Hash(raw), hash);
        Assert.True(receipt.Succeeded);
        Assert.Equal(Recipient, receipt.To);
    }

    [Fact]
    public async Task Json_rpc_errors_surface_typed()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client.RequestAsync("eth_noSuchMethod", []));
        var badParameters = await Assert.ThrowsAsync<RpcException>(() => Client.RequestAsync("eth_getBalance", ["0xzz", "latest"]));
        var badTransaction = await Assert.ThrowsAsync<RpcException>(() => Client.SendRawTransactionAsync(new byte[] { 0x12, 0x34 }));

        Assert.Equal(-32601, unknown.Code);
        Assert.Equal("eth_noSuchMethod", unknown.Method);
        Assert.Equal(-32602, badParameters.Code);
        Assert.IsNotType<ContractRevertException>(badTransaction);
        Assert.Equal("eth_sendRawTransaction", badTransaction.Method);
        Assert.NotEqual(0, badTransaction.Code);
    }

    [Fact]
    public async Task Snapshots_revert_the_chain()
    {
        var height = await Client.GetBlockNumberAsync();
        var snapshot = await Client.SnapshotAsync();
        await Client.MineAsync(4);

        Assert.True(await Client.RevertToSnapshotAsync(snapshot));
        Assert.Equal(height, await Client.GetBlockNumberAsync());
        Assert.False(await Client.RevertToSnapshotAsync(snapshot));
    }

    [Fact]
    public async Task Reorg_replaces_the_latest_blocks_at_the_same_height()
    {
        await Client.MineAsync(3);
        var height = await Client.GetBlockNumberAsync();
        var before = await Client.GetBlockByNumberAsync(BlockTag.At(height - 1));
        var common = await Client.GetBlockByNumberAsync(BlockTag.At(height - 2));

        await Client.ReorgAsync(2);

        var after = await Client.GetBlockByNumberAsync(BlockTag.At(height - 1));
        Assert.Equal(height, await Client.GetBlockNumberAsync());
        Assert.NotEqual(before!.Hash, after!.Hash);
        Assert.Equal(common!.Hash, after.ParentHash);
        Assert.Null(await Client.GetBlockByHashAsync(before.Hash));
    }

    private JsonObject AccessListFields() => new()
    {
        ["gasPrice"] = "0x77359400",
        ["accessList"] = new JsonArray(new JsonObject { ["address"] = _fixture.AbiProbeAddress.ToString(), ["storageKeys"] = new JsonArray(Hash256.Zero.ToString()) }),
    };

    private async Task<RpcReceipt> SendAsync(JsonObject fields)
    {
        fields["from"] = AnvilFixture.DevAccount.ToString();
        fields["to"] = Recipient.ToString();
        fields["value"] = "0x1";
        var result = await Client.RequestAsync("eth_sendTransaction", [fields]);
        return await _fixture.WaitForReceiptAsync(Hash256.Parse(result.GetString()!));
    }
}
