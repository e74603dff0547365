using System.Net;
using System.Net.Sockets;
using Obscuro.Client.Amounts;
using Obscuro.Client.Configuration;
using Obscuro.Client.Transactions;
using Obscuro.Contracts.Rpc;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.EndToEnd.Tests.Wallet;

/// <summary>
/// The user mistakes of the wallet CLI against a live devnet: each exits with its documented code (Client/README.md)
/// and says what to do, and none of them sends anything.
/// </summary>
[Collection(WalletDevnet.Name)]
public sealed class CliMistakeTests(DevnetFixture devnet)
{
    [Fact]
    public async Task A_wrong_passphrase_exits_3_says_what_to_type_and_sends_nothing()
    {
        var carol = await WalletUser.CreateAsync(devnet, "carol");
        var nonce = await devnet.Rpc.GetTransactionCountAsync(carol.Address, BlockTag.Latest);

        var balance = await carol.Cli.RunAsAsync("not carol's passphrase", "balance");
        var deposit = await carol.Cli.RunAsAsync("not carol's passphrase", "deposit", "1", "--json");

        balance.Expect(3);
        Assert.Contains($"error: The passphrase does not open the keystore of {carol.AddressText}.", balance.Error, StringComparison.Ordinal);
        Assert.Contains("hint: Type the passphrase chosen when this account was created", balance.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not carol's passphrase", balance.Error + balance.Out, StringComparison.Ordinal);
        deposit.Expect(3);
        Assert.Equal("WrongPassphrase", deposit.Json["error"]!["kind"]!.GetValue<string>());
        Assert.Equal(nonce, await devnet.Rpc.GetTransactionCountAsync(carol.Address, BlockTag.Latest));
    }

    [Fact]
    public async Task Insufficient_funds_on_l2_and_on_l1_exit_5_with_the_most_that_can_be_sent()
    {
        var dave = await WalletUser.CreateAsync(devnet, "dave", l1Ether: 3);
        var erin = await WalletUser.CreateAsync(devnet, "erin");
        (await dave.RunAsync("deposit", "0.5")).Ok();
        var client = devnet.CreateClient();
        using var daveKeys = dave.Unlock();
        await Poll.UntilAsync(() => client.GetAccountAsync(daveKeys), a => a.Value.Balance == Asset.Eth.Parse("0.5"), "dave's deposit credited");
        var fee = L2Fees.PerTransaction(await client.L1.GetL2FeePerGasAsync());

        var transfer = await dave.RunAsync("transfer", erin.AddressText, "0.5");
        var tokens = await dave.RunAsync("transfer", erin.AddressText, "1", "--asset", "OTT", "--json");
        var deposit = await dave.RunAsync("deposit", "5", "--json");

        transfer.Expect(5);
        Assert.Contains($"error: Insufficient funds on L2: the account holds 0.5 ETH but needs 0.5 ETH + {Asset.Eth.Format(fee)} fee.", transfer.Error, StringComparison.Ordinal);
        Assert.Contains($"hint: Send at most {Asset.Eth.Format(Asset.Eth.Parse("0.5") - fee)}, or deposit more with 'obscuro deposit'.", transfer.Error, StringComparison.Ordinal);
        tokens.Expect(5);
        Assert.Equal("InsufficientFunds", tokens.Json["error"]!["kind"]!.GetValue<string>());
        Assert.Contains("holds 0 OTT", tokens.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        deposit.Expect(5);
        Assert.Contains("Deposit at most", deposit.Json["error"]!["hint"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing was sent: the L2 nonce is unused and the balance untouched.
        var after = await client.GetAccountAsync(daveKeys);
        Assert.Equal(0UL, after.Value.Nonce);
        Assert.Equal(Asset.Eth.Parse("0.5"), after.Value.Balance);
    }

    [Fact]
    public async Task An_unknown_token_exits_6_and_lists_the_assets_the_bridge_accepts()
    {
        var frank = await WalletUser.CreateAsync(devnet, "frank");

        var bySymbol = await frank.RunAsync("transfer", frank.AddressText, "1", "--asset", "DOGE");
        var byAddress = await frank.RunAsync("balance", "--asset", "0x00000000000000000000000000000000000000aa", "--json");
        var deposit = await frank.RunAsync("deposit", "1", "--asset", "USDC");

        bySymbol.Expect(6);
        Assert.Contains("error: No allow-listed token has the symbol 'DOGE'.", bySymbol.Error, StringComparison.Ordinal);
        Assert.Contains("hint: Use one of: ETH, OTT", bySymbol.Error, StringComparison.Ordinal);
        byAddress.Expect(6);
        Assert.Equal("UnknownToken", byAddress.Json["error"]!["kind"]!.GetValue<string>());
        Assert.Contains("is not allow-listed on the bridge", byAddress.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        deposit.Expect(6);
        Assert.Equal(0UL, await devnet.Rpc.GetTransactionCountAsync(frank.Address, BlockTag.Latest));
    }

    [Fact]
    public async Task A_node_nobody_listens_for_exits_7_and_says_how_to_reach_one()
    {
        var grace = await WalletUser.CreateAsync(devnet, "grace");
        var aggregator = DevnetFixture.EndpointOf(devnet.Aggregator);
        var nowhere = grace.Cli.On(aggregator with { Gateways = [new GatewayAddress("127.0.0.1", FreePort())] });

        var balance = await nowhere.RunAsAsync(grace.Passphrase, "balance", "--connect-timeout", "1");
        var transfer = await nowhere.RunAsAsync(grace.Passphrase, "transfer", grace.AddressText, "0.1", "--connect-timeout", "1", "--json");

        balance.Expect(7);
        Assert.Contains($"error: Node '{aggregator.Id}' is unavailable", balance.Error, StringComparison.Ordinal);
        Assert.Contains("hint: Start the devnet (./scripts/devnet.sh) or pass --node with the gateways of a running node", balance.Error, StringComparison.Ordinal);
        transfer.Expect(7);
        Assert.Equal("NodeUnavailable", transfer.Json["error"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_l1_nobody_listens_for_exits_8_and_says_how_to_reach_one()
    {
        var heidi = await WalletUser.CreateAsync(devnet, "heidi");
        heidi.Cli.L1 = new Uri($"http://127.0.0.1:{FreePort()}/");

        var balance = await heidi.RunAsync("balance");
        var deposit = await heidi.RunAsync("deposit", "1", "--json");

        balance.Expect(8);
        Assert.Contains($"error: L1 node http://127.0.0.1:", balance.Error, StringComparison.Ordinal);
        Assert.Contains("is unavailable", balance.Error, StringComparison.Ordinal);
        Assert.Contains("hint: Start the devnet (./scripts/devnet.sh) or pass --l1 with a reachable L1 JSON-RPC endpoint.", balance.Error, StringComparison.Ordinal);
        deposit.Expect(8);
        Assert.Equal("L1Unavailable", deposit.Json["error"]!["kind"]!.GetValue<string>());
        Assert.Equal(0UL, await devnet.Rpc.GetTransactionCountAsync(heidi.Address, BlockTag.Latest));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
