using System.Text.Json.Nodes;
using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Keys;
using Obscuro.Client.Transactions;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Wallet;

/// <summary>
/// The whole wallet journey through the <c>obscuro</c> CLI against a live devnet, as two people would take it: new
/// wallets, deposits of ETH and of the test token, transfers both ways, balances and history (text and exact JSON),
/// a transaction's status, the same balance through the verifier, and a withdrawal paid on L1 to the wei.
/// </summary>
[Collection(WalletDevnet.Name)]
public sealed class CliMoneyPathTests(DevnetFixture devnet)
{
    [Fact]
    public async Task Two_users_deposit_transfer_both_ways_withdraw_and_finalize_through_the_cli()
    {
        // Two people at once: new wallets, then deposits (ETH and the token for Alice, in JSON; ETH for Bob, in text).
        var (alice, bob) = await BothAsync(WalletUser.CreateAsync(devnet, "alice"), WalletUser.CreateAsync(devnet, "bob"));
        var ott = await TestTokenAsync();
        await MintAsync(alice.Address, Eth("500"));
        var (aliceDeposits, bobDeposit) = await BothAsync(
            Task.Run(async () => ((await alice.RunAsync("deposit", "2", "--json")).Ok().Json, (await alice.RunAsync("deposit", "100", "--asset", "OTT", "--json")).Ok().Json)),
            bob.RunAsync("deposit", "1.5"));
        var (aliceDeposit, tokenDeposit) = aliceDeposits;
        AssertAmount(aliceDeposit["deposit"]!, "ETH", Eth("2"));
        Assert.Equal(alice.AddressText, aliceDeposit["l2Recipient"]!.GetValue<string>());
        AssertAmount(tokenDeposit["deposit"]!, "OTT", Eth("100"));
        Assert.NotNull(tokenDeposit["approval"]);
        Assert.Contains($"Deposited 1.5 ETH for {bob.AddressText}", bobDeposit.Ok().Out, StringComparison.Ordinal);

        var client = devnet.CreateClient();
        using var aliceKeys = alice.Unlock();
        using var bobKeys = bob.Unlock();
        await WaitForBalanceAsync(client, aliceKeys, Eth("2"), ott, Eth("100"));
        await WaitForBalanceAsync(client, bobKeys, Eth("1.5"), ott, UInt256.Zero);

        var balance = (await alice.RunAsync("balance", "--json")).Ok().Json;
        Assert.Equal(alice.AddressText, balance["account"]!.GetValue<string>());
        Assert.Equal(0UL, balance["nonce"]!.GetValue<ulong>());
        AssertBalances(balance, Eth("2"), Eth("100"));

        // Transfers both ways, ETH and the token.
        var fee = L2Fees.PerTransaction(await client.L1.GetL2FeePerGasAsync());
        var toBob = (await alice.RunAsync("transfer", bob.AddressText, "0.5", "--json")).Ok().Json;
        Assert.Equal("transfer", toBob["kind"]!.GetValue<string>());
        Assert.Equal("succeeded", toBob["status"]!.GetValue<string>());
        Assert.Equal(bob.AddressText, toBob["to"]!.GetValue<string>());
        Assert.Equal(0UL, toBob["nonce"]!.GetValue<ulong>());
        AssertAmount(toBob["amount"]!, "ETH", Eth("0.5"));
        AssertAmount(toBob["fee"]!, "ETH", fee);
        var toBobHash = Hash256.Parse(toBob["transaction"]!.GetValue<string>());

        var toAlice = (await bob.RunAsync("transfer", alice.AddressText, "0.25")).Ok();
        Assert.Contains("Done:", toAlice.Out, StringComparison.Ordinal);
        Assert.Contains("succeeded in rollup", toAlice.Out, StringComparison.Ordinal);
        Assert.Contains($"fee {Asset.Eth.Format(fee)}", toAlice.Out, StringComparison.Ordinal);
        var toAliceHash = Hash256.Parse(TransactionHashIn(toAlice.Out));

        var tokenToBob = (await alice.RunAsync("transfer", bob.AddressText, "40", "--asset", "OTT", "--json")).Ok().Json;
        AssertAmount(tokenToBob["amount"]!, "OTT", Eth("40"));
        Assert.Equal(1UL, tokenToBob["nonce"]!.GetValue<ulong>());
        var tokenToBobHash = Hash256.Parse(tokenToBob["transaction"]!.GetValue<string>());

        // Balances: exact in JSON, in ETH units in text.
        var aliceEth = Eth("2") - Eth("0.5") + Eth("0.25") - (fee * new UInt256(2));
        var bobEth = Eth("1.5") + Eth("0.5") - Eth("0.25") - fee;
        balance = (await alice.RunAsync("balance", "--json")).Ok().Json;
        Assert.Equal(2UL, balance["nonce"]!.GetValue<ulong>());
        AssertBalances(balance, aliceEth, Eth("60"));
        var bobBalance = (await bob.RunAsync("balance")).Ok();
        Assert.Contains($"{bob.AddressText} on L2", bobBalance.Out, StringComparison.Ordinal);
        Assert.Matches($@"│ ETH\s+│\s+{Regex(Asset.Eth.FormatNumber(bobEth))} │", bobBalance.Out);
        Assert.Matches($@"│ OTT \({ott.L1Address.ToChecksumString()}\)\s+│\s+40 │", bobBalance.Out);
        Assert.Contains("Next nonce: 1", bobBalance.Out, StringComparison.Ordinal);
        Assert.Contains("registered on L1; rollup checked on L1", bobBalance.Out, StringComparison.Ordinal);

        // History: Alice's three transactions, newest first, exact; Bob's in text.
        // (Deposits are L1 transactions: the history lists the account's L2 transactions and incoming transfers only.)
        var history = (await alice.RunAsync("history", "--json")).Ok().Json;
        Assert.Equal(alice.AddressText, history["account"]!.GetValue<string>());
        var transfers = history["entries"]!.AsArray().Select(e => e!).ToList();
        Assert.Equal([tokenToBobHash.ToString(), toAliceHash.ToString(), toBobHash.ToString()], transfers.Select(e => e["transaction"]!.GetValue<string>()));
        Assert.All(transfers, e => Assert.Equal(bob.AddressText, e["counterparty"]!.GetValue<string>()));
        Assert.Equal(["out", "in", "out"], transfers.Select(e => e["direction"]!.GetValue<string>()));
        Assert.All(transfers, e => Assert.Equal("succeeded", e["status"]!.GetValue<string>()));
        AssertAmount(transfers[0]["amount"]!, "OTT", Eth("40"));
        AssertAmount(transfers[1]["amount"]!, "ETH", Eth("0.25"));
        AssertAmount(transfers[2]["amount"]!, "ETH", Eth("0.5"));
        var bobHistory = (await bob.RunAsync("history")).Ok();
        Assert.Matches($@"│ in\s+│ {alice.AddressText} │ 0\.5 ETH\s+│ succeeded\s+│ {toBobHash} │", bobHistory.Out);
        Assert.Matches($@"│ out\s+│ {alice.AddressText} │ 0\.25 ETH\s+│ succeeded\s+│ {toAliceHash} │", bobHistory.Out);
        Assert.Matches($@"│ in\s+│ {alice.AddressText} │ 40 OTT\s+│ succeeded\s+│ {tokenToBobHash} │", bobHistory.Out);

        // One transaction's status.
        var status = (await alice.RunAsync("status", toBobHash.ToString(), "--json")).Ok().Json;
        Assert.Equal("succeeded", status["status"]!.GetValue<string>());
        Assert.Equal(toBob["rollup"]!.GetValue<string>(), status["rollup"]!.GetValue<string>());
        AssertAmount(status["fee"]!, "ETH", fee);
        var statusText = (await alice.RunAsync("status", toBobHash.ToString())).Ok();
        Assert.StartsWith("Succeeded in rollup", statusText.Out, StringComparison.Ordinal);

        // The verifier answers the same once it has followed the aggregator's rollup.
        var generation = balance["basedOn"]!["generation"]!.GetValue<ulong>();
        var viaVerifier = devnet.CreateClient(devnet.Verifier);
        await Poll.UntilAsync(() => viaVerifier.GetAccountAsync(aliceKeys), a => a.BasedOn.Generation >= generation, "the verifier at Alice's last rollup");
        var onVerifier = (await alice.Cli.On(DevnetFixture.EndpointOf(devnet.Verifier)).RunAsAsync(alice.Passphrase, "balance", "--json")).Ok().Json;
        Assert.Equal(2UL, onVerifier["nonce"]!.GetValue<ulong>());
        AssertBalances(onVerifier, aliceEth, Eth("60"));

        // Withdraw ETH and the token, then pay both on L1: ETH by the withdrawal's hash, the token by 'finalize' alone.
        var withdrawal = (await alice.RunAsync("withdraw", "0.3", "--json")).Ok().Json;
        Assert.Equal("withdrawal", withdrawal["kind"]!.GetValue<string>());
        Assert.Equal("succeeded", withdrawal["status"]!.GetValue<string>());
        var withdrawalHash = withdrawal["transaction"]!.GetValue<string>();
        var tokenWithdrawal = (await alice.RunAsync("withdraw", "15", "--asset", "OTT")).Ok();
        Assert.Contains($"obscuro finalize {TransactionHashIn(tokenWithdrawal.Out)}", tokenWithdrawal.Out, StringComparison.Ordinal);
        balance = (await alice.RunAsync("balance", "--json")).Ok().Json;
        AssertBalances(balance, aliceEth - Eth("0.3") - (fee * new UInt256(2)), Eth("45"));
        var withdrawals = (await alice.RunAsync("history", "--json")).Ok().Json["entries"]!.AsArray().Select(e => e!).Take(2).ToList();
        Assert.Equal([TransactionHashIn(tokenWithdrawal.Out), withdrawalHash], withdrawals.Select(e => e["transaction"]!.GetValue<string>()));
        Assert.All(withdrawals, e => Assert.Equal(("out", alice.AddressText), (e["direction"]!.GetValue<string>(), e["counterparty"]!.GetValue<string>())));
        AssertAmount(withdrawals[0]["amount"]!, "OTT", Eth("15"));
        AssertAmount(withdrawals[1]["amount"]!, "ETH", Eth("0.3"));

        // The bridge pays a fixed number of L1 blocks after the rollup: mine them rather than wait.
        await new AnvilControl(devnet.Rpc).MineAsync((int)new DeploymentParameters().WithdrawalDelay);
        var finalized = (await alice.RunAsync("finalize", withdrawalHash, "--json")).Ok().Json;
        var paid = Assert.Single(finalized["finalized"]!.AsArray())!;
        AssertAmount(paid["amount"]!, "ETH", Eth("0.3"));
        Assert.Equal(alice.AddressText, paid["recipient"]!.GetValue<string>());
        var receipt = await devnet.Rpc.GetTransactionReceiptAsync(Hash256.Parse(paid["l1Transaction"]!.GetValue<string>())) ?? throw new InvalidOperationException("no receipt");
        Assert.True(receipt.Succeeded);
        Assert.Equal(alice.Address, receipt.From);
        var gas = new UInt256(receipt.GasUsed) * receipt.EffectiveGasPrice;
        AssertAmount(paid["gasCost"]!, "ETH", gas);
        var before = await devnet.Rpc.GetBalanceAsync(alice.Address, BlockTag.At(receipt.BlockNumber - 1));
        var after = await devnet.Rpc.GetBalanceAsync(alice.Address, BlockTag.At(receipt.BlockNumber));
        Assert.Equal(before + Eth("0.3") - gas, after);

        var tokenBefore = await ott.Contract.BalanceOfAsync(alice.Address);
        var tokenFinalized = (await alice.RunAsync("finalize")).Ok();
        Assert.Contains($"Paid 15 OTT to {alice.AddressText} on L1", tokenFinalized.Out, StringComparison.Ordinal);
        Assert.Equal(tokenBefore + Eth("15"), await ott.Contract.BalanceOfAsync(alice.Address));
        var nothingLeft = await alice.RunAsync("finalize", "--json");
        Assert.Equal(12, nothingLeft.ExitCode);
    }

    private static UInt256 Eth(string amount) => Asset.Eth.Parse(amount);

    private static async Task<(T1, T2)> BothAsync<T1, T2>(Task<T1> first, Task<T2> second)
    {
        await Task.WhenAll(first, second);
        return (await first, await second);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static string TransactionHashIn(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, "Transaction (0x[0-9a-f]{64})").Groups[1].Value;

    private static void AssertAmount(JsonNode amount, string symbol, UInt256 baseUnits)
    {
        Assert.Equal(symbol, amount["asset"]!.GetValue<string>());
        Assert.Equal(baseUnits.ToString(), amount["baseUnits"]!.GetValue<string>());
        Assert.Equal(18, amount["decimals"]!.GetValue<int>());
    }

    private static void AssertBalances(JsonNode balance, UInt256 eth, UInt256 ott)
    {
        var rows = balance["balances"]!.AsArray().Select(b => b!).ToList();
        Assert.Equal(["ETH", "OTT"], rows.Select(r => r["asset"]!.GetValue<string>()));
        AssertAmount(rows[0], "ETH", eth);
        AssertAmount(rows[1], "OTT", ott);
    }

    private async Task<(Asset Asset, Address L1Address, TestTokenContract Contract)> TestTokenAsync()
    {
        var address = devnet.Deployment.TestToken ?? throw new InvalidOperationException("The devnet deploys a test token.");
        var asset = await devnet.CreateClient().Assets.ResolveAsync("OTT");
        Assert.Equal(address, asset.L1Address);
        return (asset, address, new TestTokenContract(address, devnet.Rpc));
    }

    private async Task MintAsync(Address to, UInt256 amount)
    {
        using var minter = new L1Sender(devnet.Rpc, DevnetAccounts.PrivateKey(6));
        var token = new TestTokenContract(devnet.Deployment.TestToken!.Value, devnet.Rpc, minter);
        await token.MintAsync(to, amount);
    }

    private static async Task WaitForBalanceAsync(ObscuroClient client, UnlockedAccount account, UInt256 eth, (Asset Asset, Address L1Address, TestTokenContract Contract) token, UInt256 tokens)
    {
        await Poll.UntilAsync(() => client.GetAccountAsync(account), a => a.Value.Balance == eth, $"{account} credited with {eth} wei");
        await Poll.UntilAsync(() => client.GetTokenBalanceAsync(account, token.Asset), a => a.Value == tokens, $"{account} credited with {tokens} OTT base units");
    }
}
