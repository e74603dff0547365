using Obscuro.Client.Amounts;
using Obscuro.Client.Transactions;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.EndToEnd.Tests.Node;

/// <summary>
/// Durable mode: the whole cluster stops with transfers pending, L1 goes on without it (blocks, a deposit), and the
/// cluster starts again from Redis: every accepted transfer is applied exactly once and the node catches up with L1.
/// </summary>
[Collection(SplitNodeDefinition.Name)]
public sealed class DurableRestartTests(SplitNodeFixture devnet)
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    private static readonly UInt256 Amount = Ether / new UInt256(10);

    [Fact]
    public async Task A_full_cluster_restart_applies_every_accepted_transfer_once_and_catches_up_with_L1()
    {
        var (carol, dave) = (devnet.Account(6), devnet.Account(7));
        var wallet = devnet.CreateClient(devnet.Node.Endpoint);
        var fee = L2Fees.PerTransaction(await wallet.L1.GetL2FeePerGasAsync());
        await wallet.DepositAsync(carol, Asset.Eth, Ether);
        await Poll.UntilAsync(() => wallet.GetAccountAsync(carol), a => a.Value.Balance == Ether, "carol's deposit credited");

        var accepted = await EnclaveSiloKillTests.SubmitTransfersAsync(wallet, carol, dave, count: 3);
        var before = await devnet.Node.Api.GetStatusAsync();
        await devnet.Node.StopAsync();

        // While the node is down, L1 goes on: blocks, and a deposit the node must find when it catches up.
        var whileDown = await wallet.DepositAsync(dave, Asset.Eth, Ether);
        await Poll.UntilAsync(() => devnet.Rpc.GetBlockNumberAsync(), head => head >= whileDown.BlockNumber + 3, "L1 blocks mined while the node is down");

        await devnet.Node.StartAsync();
        var after = await devnet.WaitUntilRunningAsync(TimeSpan.FromSeconds(60));
        Assert.True(after.HeadGeneration >= before.HeadGeneration);
        Assert.True(after.AdmittedTransactions >= before.AdmittedTransactions);

        await Poll.UntilAsync(() => wallet.GetAccountAsync(dave), a => a.Value.Balance == Ether + Amount * new UInt256(3), "dave credited with the deposit made while down and the three transfers");
        await EnclaveSiloKillTests.AssertAppliedOnceAsync(wallet, carol, accepted, Ether - (Amount + fee) * new UInt256(3));
        var caughtUp = await Poll.UntilAsync(() => devnet.Node.Api.GetStatusAsync(), s => s.Enclave?.LastIngested?.Number >= whileDown.BlockNumber + 3, "the enclave past the blocks mined while down");
        Assert.Equal(0, caughtUp.PendingTransactions);
    }
}
