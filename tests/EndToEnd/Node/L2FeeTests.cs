using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Keys;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Queries;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Node;

/// <summary>
/// The L2 fee is governance's: the node charges 21,000 × NetworkManagement's <c>l2TransactionFee</c> as of the L1 block
/// a rollup depends on, read from verified L1 events. A raised fee and a lowered one (below the protocol's built-in
/// default, which a node ignoring L1 would still demand) are each what the next transaction pays, on both nodes.
/// </summary>
public sealed class L2FeeTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    [Fact]
    public async Task The_fee_charged_is_the_one_governance_set_on_L1()
    {
        var carol = devnet.Account(6);
        var dave = devnet.Account(7);
        var wallet = devnet.CreateClient();
        var l1 = new L1Rollups(devnet.Rpc, devnet.Deployment.RollupManagement);
        await wallet.DepositAsync(carol, Asset.Eth, Ether);
        await Poll.UntilAsync(() => wallet.GetAccountAsync(carol), a => a.Value.Balance == Ether, "carol's deposit credited");
        var expected = Ether;
        var received = UInt256.Zero;

        var initial = await wallet.L1.GetL2FeePerGasAsync();
        foreach (var feePerGas in new[] { initial, initial * new UInt256(3), initial / new UInt256(4) })
        {
            if (feePerGas != initial) await SetFeeAsync(l1, feePerGas);

            var amount = Ether / new UInt256(100);
            var outcome = await wallet.TransferAsync(carol, Asset.Eth, dave.Address, amount);
            var fee = NetworkRules.FeeFor(feePerGas);
            Assert.Equal((TransactionState.Succeeded, fee), (outcome.Result.Value.State, outcome.Result.Value.FeePaid));
            expected -= amount + fee;
            received += amount;
            await AssertBalanceAsync(wallet, carol, expected);
            await AssertBalanceAsync(wallet, dave, received);
        }

        // The verifier re-executed every rollup with the fee it read from L1 itself and reached the same balances.
        var viaVerifier = devnet.CreateClient(devnet.Verifier);
        await Poll.UntilAsync(() => viaVerifier.GetAccountAsync(carol), a => a.Value.Balance == expected, "carol's balance on the verifier");
    }

    /// <summary>Governance changes the fee; returns once the aggregator's head rollup depends on that L1 block.</summary>
    private async Task SetFeeAsync(L1Rollups l1, UInt256 feePerGas)
    {
        using var governance = new L1Sender(devnet.Rpc, DevnetAccounts.PrivateKey(DevnetAccounts.Governance));
        var changed = await new NetworkManagementContract(devnet.Deployment.NetworkManagement, devnet.Rpc, governance).SetL2TransactionFeeAsync(feePerGas);
        var block = changed.Receipt.BlockNumber;
        await Poll.UntilAsync(
            async () => (await l1.HeaderAsync((await devnet.Aggregator.Api.GetStatusAsync()).HeadRollup)).DependencyBlockNumber,
            dependency => dependency >= block,
            $"a rollup that depends on L1 block {block} (the fee change)");
    }

    private static async Task AssertBalanceAsync(ObscuroClient wallet, UnlockedAccount account, UInt256 balance) =>
        Assert.Equal(balance, (await wallet.GetAccountAsync(account)).Value.Balance);
}
