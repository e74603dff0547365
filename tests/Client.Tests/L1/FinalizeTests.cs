using Obscuro.Client.Tests.Support;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Client.Tests.L1;

/// <summary>
/// <c>obscuro finalize</c> against real contracts: a rollup signed by the registered aggregator lists a withdrawal to
/// the wallet; the CLI finds it from the RollupPublished events, waits while the bridge says it is not yet payable
/// (the test mines blocks meanwhile), pays it, and the L1 balance changes by exactly the amount less the gas.
/// </summary>
[Collection(SharedL1.Name)]
public sealed class FinalizeTests(L1Fixture fixture)
{
    [Fact]
    public async Task Finalize_waits_until_payable_then_pays_exactly_the_withdrawn_amount()
    {
        var amount = UInt256.Parse("300000000000000000");
        await FundBridgeAsync(amount);
        var rollup = await fixture.PublishChildAsync([new Withdrawal(fixture.EnclaveB.Address, Address.Zero, UInt256.One), new Withdrawal(fixture.Alice.Address, Address.Zero, amount)]);
        var before = await fixture.Rpc.GetBalanceAsync(fixture.Alice.Address, BlockTag.Latest);

        var result = await WhileMiningAsync(fixture.Cli().RunAsync("finalize", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var paid = Assert.Single(result.Json["finalized"]!.AsArray())!;
        Assert.Equal(rollup.RollupHash.ToString(), paid["rollup"]!.GetValue<string>());
        Assert.Equal(1, paid["index"]!.GetValue<int>());
        var receipt = await fixture.Rpc.GetTransactionReceiptAsync(Hash256.Parse(paid["l1Transaction"]!.GetValue<string>())) ?? throw new InvalidOperationException("no receipt");
        Assert.True(receipt.BlockNumber >= rollup.Origin.BlockNumber!.Value + L1Fixture.Parameters.WithdrawalDelay);
        var gas = new UInt256(receipt.GasUsed) * receipt.EffectiveGasPrice;
        Assert.Equal(before + amount - gas, await fixture.Rpc.GetBalanceAsync(fixture.Alice.Address, BlockTag.Latest));
        Assert.Equal(gas.ToString(), paid["gasCost"]!["baseUnits"]!.GetValue<string>());
        Assert.True(await fixture.Contracts.Bridge.IsWithdrawalPaidAsync(rollup.RollupHash, 1));
        Assert.False(await fixture.Contracts.Bridge.IsWithdrawalPaidAsync(rollup.RollupHash, 0));

        var again = await fixture.Cli().RunAsync("finalize");
        Assert.Equal(12, again.ExitCode);
        Assert.Contains("no unpaid withdrawals", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finalize_gives_up_at_its_deadline_while_the_withdrawal_is_not_payable_and_sends_nothing()
    {
        var amount = UInt256.Parse("1000000000000000");
        await FundBridgeAsync(amount);
        await fixture.PublishChildAsync([new Withdrawal(fixture.Alice.Address, Address.Zero, amount)]);
        var nonce = await fixture.Rpc.GetTransactionCountAsync(fixture.Alice.Address, BlockTag.Latest);

        var result = await fixture.Cli().RunAsync("finalize", "--timeout", "1");

        Assert.Equal(11, result.ExitCode);
        Assert.Contains("not payable within", result.Error, StringComparison.Ordinal);
        Assert.Equal(nonce, await fixture.Rpc.GetTransactionCountAsync(fixture.Alice.Address, BlockTag.Latest));

        var paid = await WhileMiningAsync(fixture.Cli().RunAsync("finalize", "--json"));
        Assert.True(paid.ExitCode == 0, paid.ToString());
    }

    /// <summary>The bridge pays only what was deposited: deposit for someone else so Alice's own balance is untouched by it.</summary>
    private async Task FundBridgeAsync(UInt256 amount)
    {
        using var sender = fixture.Sender(fixture.Governance);
        await fixture.Contracts.Bridge.WithSender(sender).DepositEthAsync(fixture.Governance.Address, amount);
    }

    /// <summary>Mines L1 blocks until the command ends: anvil mines only on transactions, and payability counts blocks.</summary>
    private async Task<CliResult> WhileMiningAsync(Task<CliResult> command)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!command.IsCompleted && DateTime.UtcNow < deadline)
        {
            await fixture.Rpc.MineAsync();
            await Task.WhenAny(command, Task.Delay(TimeSpan.FromMilliseconds(100)));
        }

        return await command;
    }
}
