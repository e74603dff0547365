using Obscuro.Client.Tests.Support;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Tests.L1;

[Collection(SharedL1.Name)]
public sealed class DepositTests(L1Fixture fixture)
{
    [Fact]
    public async Task The_cli_deposits_eth_and_the_bridge_records_exactly_that_deposit()
    {
        var before = await fixture.Rpc.GetBalanceAsync(fixture.Alice.Address, BlockTag.Latest);

        var result = await fixture.Cli().RunAsync("deposit", "1.5", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var hash = Hash256.Parse(result.Json["l1Transaction"]!.GetValue<string>());
        var receipt = await fixture.Rpc.GetTransactionReceiptAsync(hash) ?? throw new InvalidOperationException("no receipt");
        var deposit = Assert.Single(fixture.Contracts.Bridge.DecodeEvents(receipt).OfType<DepositEvent>());
        Assert.Equal(fixture.Alice.Address, deposit.L1Sender);
        Assert.Equal(fixture.Alice.Address, deposit.L2Recipient);
        Assert.True(deposit.Token.IsZero);
        Assert.Equal(UInt256.Parse("1500000000000000000"), deposit.Amount);
        Assert.Equal(deposit.DepositId.ToString(), result.Json["depositId"]!.GetValue<string>());
        var after = await fixture.Rpc.GetBalanceAsync(fixture.Alice.Address, BlockTag.Latest);
        Assert.Equal(before - deposit.Amount - (new UInt256(receipt.GasUsed) * receipt.EffectiveGasPrice), after);
    }

    [Fact]
    public async Task The_cli_deposits_an_allow_listed_token_by_symbol_approving_the_bridge_first()
    {
        var token = fixture.Contracts.TestToken!;

        var result = await fixture.Cli().RunAsync("deposit", "2.25", "--asset", "tt", "--to", fixture.EnclaveB.Address.ToChecksumString(), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(result.Json["approval"]);
        var receipt = await fixture.Rpc.GetTransactionReceiptAsync(Hash256.Parse(result.Json["l1Transaction"]!.GetValue<string>())) ?? throw new InvalidOperationException("no receipt");
        var deposit = Assert.Single(fixture.Contracts.Bridge.DecodeEvents(receipt).OfType<DepositEvent>());
        Assert.Equal(token.Address, deposit.Token);
        Assert.Equal(fixture.EnclaveB.Address, deposit.L2Recipient);
        Assert.Equal(UInt256.Parse("2250000000000000000"), deposit.Amount);
        Assert.Equal("TT", result.Json["deposit"]!["asset"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_the_bridge_does_not_allow_list_is_refused_as_unknown_and_nothing_is_sent()
    {
        using var sender = fixture.Sender(fixture.Alice);
        var other = await TestTokenContract.DeployAsync(sender, fixture.Rpc, "Other", "OTH");
        var nonce = await fixture.Rpc.GetTransactionCountAsync(fixture.Alice.Address, BlockTag.Latest);

        var byAddress = await fixture.Cli().RunAsync("deposit", "1", "--asset", other.Address.ToChecksumString());
        var bySymbol = await fixture.Cli().RunAsync("deposit", "1", "--asset", "OTH");

        Assert.Equal(6, byAddress.ExitCode);
        Assert.Contains("not allow-listed", byAddress.Error, StringComparison.Ordinal);
        Assert.Contains("hint: Use one of: ETH, TT", byAddress.Error, StringComparison.Ordinal);
        Assert.Equal(6, bySymbol.ExitCode);
        Assert.Equal(nonce, await fixture.Rpc.GetTransactionCountAsync(fixture.Alice.Address, BlockTag.Latest));
    }

    [Fact]
    public async Task Depositing_more_than_the_account_holds_on_l1_is_insufficient_funds()
    {
        var result = await fixture.Cli().RunAsync("deposit", "1000000", "--json");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("InsufficientFunds", result.Json["error"]!["kind"]!.GetValue<string>());
        Assert.Contains("Deposit at most", result.Json["error"]!["hint"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_passphrase_exits_with_its_own_code_and_prints_no_secret()
    {
        var cli = fixture.Cli();
        cli.Variables["OBSCURO_PASSPHRASE"] = "definitely not it";

        var result = await cli.RunAsync("deposit", "0.1");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("passphrase does not open", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("definitely not it", result.Out + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(L1Fixture.Passphrase, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_l1_exits_with_the_l1_code_and_says_what_to_do()
    {
        var result = await fixture.Cli().RunAsync("tokens", "--l1", "http://127.0.0.1:9/");

        Assert.Equal(8, result.ExitCode);
        Assert.Contains("--l1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_lists_the_allow_listed_tokens_from_l1()
    {
        var result = await fixture.Cli().RunAsync("tokens", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var assets = result.Json["assets"]!.AsArray();
        Assert.Equal(["ETH", "TT"], assets.Select(a => a!["symbol"]!.GetValue<string>()));
        Assert.Equal(fixture.Contracts.TestToken!.Address.ToChecksumString(), assets[1]!["l1Address"]!.GetValue<string>());
    }
}
