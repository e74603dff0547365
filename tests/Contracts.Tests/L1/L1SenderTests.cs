using System.Text.Json.Nodes;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Devnet;

namespace Obscuro.Contracts.Tests.L1;

/// <summary>The L1 sender against its own anvil (some tests switch automatic mining off).</summary>
public sealed class L1SenderTests : IAsyncLifetime, IDisposable
{
    // Accounts 1–4 of anvil's public test mnemonic.
    private static readonly string[] DevKeys =
    [
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    ];

    private readonly HttpClient _http = new();
    private AnvilProcess? _anvil;
    private EthRpcClient? _rpc;

    private EthRpcClient Rpc => _rpc!;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilProcess.StartAsync(hardfork: "prague");
        _rpc = _anvil.CreateClient(_http);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null) await _anvil.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    private L1Sender Sender(int key, L1SenderOptions? options = null) =>
        new(Rpc, Hex.Decode(DevKeys[key]), options ?? new L1SenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });

    private static Address Fresh(string label) => new(Keccak256.HashToArray(System.Text.Encoding.UTF8.GetBytes(label)).AsSpan(12));

    [Fact]
    public async Task Sends_a_locally_signed_transfer()
    {
        using var sender = Sender(0);
        var to = Fresh("transfer");
        var result = await sender.SendAsync(new L1TransactionRequest(to, ReadOnlyMemory<byte>.Empty, new UInt256(12345)));
        Assert.True(result.Receipt.Succeeded);
        Assert.Equal(sender.Account, result.Receipt.From);
        Assert.Equal(new UInt256(12345), await Rpc.GetBalanceAsync(to, BlockTag.Latest));
    }

    [Fact]
    public async Task Concurrent_sends_get_consecutive_distinct_nonces()
    {
        using var sender = Sender(1);
        var start = await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Latest);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            sender.SendAsync(new L1TransactionRequest(Fresh($"c{i}"), ReadOnlyMemory<byte>.Empty, UInt256.One))));
        var nonces = new List<ulong>();
        foreach (var result in results) nonces.Add((await Rpc.GetTransactionByHashAsync(result.TransactionHash))!.Nonce);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => start + (ulong)i), nonces.Order());
    }

    [Fact]
    public async Task A_stale_sender_resynchronises_its_nonce()
    {
        using var first = Sender(2);
        using var second = Sender(2); // same key, as after a restart or with a second tool
        await first.SendAsync(new L1TransactionRequest(Fresh("s1"), ReadOnlyMemory<byte>.Empty, UInt256.One));
        await second.SendAsync(new L1TransactionRequest(Fresh("s2"), ReadOnlyMemory<byte>.Empty, UInt256.One));
        var result = await first.SendAsync(new L1TransactionRequest(Fresh("s3"), ReadOnlyMemory<byte>.Empty, UInt256.One));
        Assert.True(result.Receipt.Succeeded);
        Assert.Equal(3UL, await Rpc.GetTransactionCountAsync(first.Account, BlockTag.Latest));
    }

    [Fact]
    public async Task After_an_L1_reorg_dropped_its_transaction_the_next_send_takes_the_freed_nonce()
    {
        using var sender = Sender(0, new L1SenderOptions { PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(15) });
        var first = await sender.SendAsync(new L1TransactionRequest(Fresh("r1"), ReadOnlyMemory<byte>.Empty, UInt256.One));
        await Rpc.ReorgAsync(1);
        Assert.Null(await Rpc.GetTransactionReceiptAsync(first.TransactionHash));

        // A nonce counted locally would be 1 now, a gap anvil never fills: the send would time out.
        var second = await sender.SendAsync(new L1TransactionRequest(Fresh("r2"), ReadOnlyMemory<byte>.Empty, UInt256.One));
        Assert.Equal(0UL, (await Rpc.GetTransactionByHashAsync(second.TransactionHash))!.Nonce);
        Assert.Equal(1UL, await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Latest));
    }

    [Fact]
    public async Task Extra_gas_is_added_to_the_estimate_with_its_margin()
    {
        using var sender = Sender(1);
        const ulong extra = 40_000;

        // A plain transfer is estimated at exactly 21,000 gas; the default margin is 125 %.
        var result = await sender.SendAsync(new L1TransactionRequest(Fresh("extra gas"), ReadOnlyMemory<byte>.Empty, UInt256.One, ExtraGas: extra));
        var sent = await Rpc.RequestAsync("eth_getTransactionByHash", [JsonValue.Create(result.TransactionHash.ToString())]);

        Assert.Equal((21_000UL * 125 / 100) + extra, Convert.ToUInt64(sent.GetProperty("gas").GetString(), 16));
        Assert.Equal(21_000UL, result.Receipt.GasUsed);
    }

    [Fact]
    public async Task A_revert_is_decoded_and_nothing_is_sent()
    {
        using var sender = Sender(3);
        var probe = ContractArtifacts.Embedded.Get("AbiProbe");
        var deployed = await sender.SendAsync(new L1TransactionRequest(null, probe.CreationBytecode, UInt256.Zero));
        var address = deployed.Receipt.ContractAddress!.Value;
        var nonceBefore = await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Pending);
        var call = probe.Abi.GetFunction("failCustom").EncodeCall([new UInt256(7), "not today"]);

        var e = await Assert.ThrowsAsync<ContractRevertException>(() => sender.SendAsync(new L1TransactionRequest(address, call, UInt256.Zero, probe.Abi)));
        var reason = Assert.IsType<CustomErrorRevert>(e.Reason);
        Assert.Equal("ProbeFailed", reason.Error.Name);
        Assert.Equal(nonceBefore, await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Pending));
    }

    [Fact]
    public async Task A_revert_inside_a_block_is_replayed_and_decoded()
    {
        using var sender = Sender(3);
        var probe = ContractArtifacts.Embedded.Get("AbiProbe");
        var deployed = await sender.SendAsync(new L1TransactionRequest(null, probe.CreationBytecode, UInt256.Zero));
        var call = probe.Abi.GetFunction("failCustom").EncodeCall([new UInt256(9), "in the block"]);
        var nonceBefore = await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Latest);

        // A fixed gas limit skips estimation, so the transaction is mined and fails inside its block.
        var e = await Assert.ThrowsAsync<ContractRevertException>(() =>
            sender.SendAsync(new L1TransactionRequest(deployed.Receipt.ContractAddress!.Value, call, UInt256.Zero, probe.Abi, GasLimit: 100_000)));
        Assert.Equal("ProbeFailed", Assert.IsType<CustomErrorRevert>(e.Reason).Error.Name);
        Assert.Equal(nonceBefore + 1, await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Latest));
    }

    [Fact]
    public async Task An_underpriced_transaction_is_replaced_with_higher_fees_until_included()
    {
        using var sender = Sender(0, new L1SenderOptions { PollInterval = TimeSpan.FromMilliseconds(20), BlocksBeforeFeeBump = 2, FeeBumpPercent = 25 });
        await Rpc.RequestAsync("evm_setAutomine", [JsonValue.Create(false)]);
        try
        {
            var nonce = await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Latest);
            var send = sender.SendAsync(new L1TransactionRequest(Fresh("bumped"), ReadOnlyMemory<byte>.Empty, UInt256.One));
            await PollAsync(async () => await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Pending) > nonce);

            // Base fee jumps far above what the first attempt offered: it cannot be included until re-priced.
            const ulong expensive = 500_000_000_000;
            await Rpc.RequestAsync("anvil_setNextBlockBaseFeePerGas", [JsonValue.Create("0x" + expensive.ToString("x", System.Globalization.CultureInfo.InvariantCulture))]);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!send.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Rpc.MineAsync(1);
                await Task.WhenAny(send, Task.Delay(50));
            }

            var result = await send;
            var included = await Rpc.GetTransactionByHashAsync(result.TransactionHash);
            Assert.True(included!.MaxFeePerGas > new UInt256(expensive / 2), $"the included attempt offered {included.MaxFeePerGas}");
            Assert.Equal(nonce, included.Nonce);
        }
        finally
        {
            await Rpc.RequestAsync("evm_setAutomine", [JsonValue.Create(true)]);
        }
    }

    [Fact]
    public async Task A_transaction_an_L1_reorg_left_behind_a_nonce_gap_fails_as_such_and_the_next_send_fills_the_gap()
    {
        using var sender = Sender(2, new L1SenderOptions { PollInterval = TimeSpan.FromMilliseconds(20), BlocksBeforeFeeBump = 2, Timeout = TimeSpan.FromSeconds(30) });
        await sender.SendAsync(new L1TransactionRequest(Fresh("g0"), ReadOnlyMemory<byte>.Empty, UInt256.One));
        await Rpc.RequestAsync("evm_setAutomine", [JsonValue.Create(false)]);
        try
        {
            var behind = sender.SendAsync(new L1TransactionRequest(Fresh("g1"), ReadOnlyMemory<byte>.Empty, UInt256.One));
            await PollAsync(async () => await Rpc.GetTransactionCountAsync(sender.Account, BlockTag.Pending) > 1);

            // The reorg drops nonce 0's block: nonce 1 waits in the pool behind a gap.
            await Rpc.ReorgAsync(1);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!behind.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Rpc.MineAsync(1);
                await Task.WhenAny(behind, Task.Delay(50));
            }

            var gap = await Assert.ThrowsAsync<L1NonceGapException>(() => behind);
            Assert.Equal(1UL, gap.Nonce);
        }
        finally
        {
            await Rpc.RequestAsync("evm_setAutomine", [JsonValue.Create(true)]);
        }

        var refill = await sender.SendAsync(new L1TransactionRequest(Fresh("g2"), ReadOnlyMemory<byte>.Empty, UInt256.One));
        Assert.Equal(0UL, (await Rpc.GetTransactionByHashAsync(refill.TransactionHash))!.Nonce);
    }

    [Fact]
    public async Task Waits_for_the_requested_confirmations()
    {
        using var sender = Sender(1, new L1SenderOptions { PollInterval = TimeSpan.FromMilliseconds(20), Confirmations = 3 });
        var send = sender.SendAsync(new L1TransactionRequest(Fresh("confirmed"), ReadOnlyMemory<byte>.Empty, UInt256.One));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!send.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.WhenAny(send, Task.Delay(100));
            if (!send.IsCompleted) await Rpc.MineAsync(1);
        }

        var result = await send;
        Assert.True(await Rpc.GetBlockNumberAsync() >= result.Receipt.BlockNumber + 2);
    }

    private static async Task PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met in time.");
            await Task.Delay(20);
        }
    }
}
