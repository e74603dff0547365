using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Keys;
using Obscuro.Client.Transactions;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.EndToEnd.Tests.Node;

/// <summary>
/// The enclave silo of a running aggregator dies while transfers are pending and comes back: the node resumes from the
/// enclave's sealed state, every accepted transfer is applied exactly once, and the node catches up with L1.
/// </summary>
[Collection(SplitNodeDefinition.Name)]
public sealed class EnclaveSiloKillTests(SplitNodeFixture devnet)
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    private static readonly UInt256 Amount = Ether / new UInt256(10);

    [Fact]
    public async Task Killing_the_enclave_silo_mid_round_loses_no_accepted_transfer_and_applies_none_twice()
    {
        var (alice, bob) = (devnet.Account(4), devnet.Account(5));
        var wallet = devnet.CreateClient(devnet.Node.Endpoint);
        var fee = L2Fees.PerTransaction(await wallet.L1.GetL2FeePerGasAsync());
        await wallet.DepositAsync(alice, Asset.Eth, Ether);
        await Poll.UntilAsync(() => wallet.GetAccountAsync(alice), a => a.Value.Balance == Ether, "alice's deposit credited");

        // Three transfers accepted (in the mempool), then the enclave silo dies before a rollup can hold them all.
        var accepted = await SubmitTransfersAsync(wallet, alice, bob, count: 3);
        await devnet.Node.KillEnclaveSiloAsync();

        // Without its enclave the node still answers its status (the host silo is up) and says the enclave is unreachable.
        var down = await Poll.UntilAsync(() => devnet.Node.Api.GetStatusAsync(), s => s.Enclave is null, "the status without an enclave");
        Assert.True(down.IsAggregator);

        var l1AtRestart = await devnet.Rpc.GetBlockNumberAsync();
        await devnet.Node.StartEnclaveSiloAsync();
        var running = await devnet.WaitUntilRunningAsync(TimeSpan.FromSeconds(60));
        Assert.True(running.Enclave!.Provisioned);

        await Poll.UntilAsync(() => wallet.GetAccountAsync(bob), a => a.Value.Balance == Amount * new UInt256(3), "bob credited with the three transfers");
        await AssertAppliedOnceAsync(wallet, alice, accepted, Ether - (Amount + fee) * new UInt256(3));
        var caughtUp = await Poll.UntilAsync(() => devnet.Node.Api.GetStatusAsync(), s => s.Enclave?.LastIngested?.Number > l1AtRestart, "the enclave past the L1 head of its restart");
        Assert.Equal(0, caughtUp.PendingTransactions);
    }

    internal static async Task<List<Hash256>> SubmitTransfersAsync(ObscuroClient wallet, UnlockedAccount from, UnlockedAccount to, int count)
    {
        var accepted = new List<Hash256>();
        for (var i = 0; i < count; i++)
        {
            accepted.Add((await wallet.SubmitAsync(from, L2Calls.Transfer(Asset.Eth, to.Address, Amount))).TransactionHash);
        }

        return accepted;
    }

    /// <summary>Each accepted transfer succeeded in a rollup, the sender's history holds each once, and its nonce and balance count each once.</summary>
    internal static async Task AssertAppliedOnceAsync(ObscuroClient wallet, UnlockedAccount sender, IReadOnlyList<Hash256> accepted, UInt256 expectedBalance)
    {
        foreach (var hash in accepted)
        {
            var answer = await Poll.UntilAsync(() => wallet.GetTransactionAsync(sender, hash), t => t.Value.State != TransactionState.Unknown, $"transfer {hash} included");
            Assert.Equal(TransactionState.Succeeded, answer.Value.State);
        }

        var history = (await wallet.GetHistoryAsync(sender)).Value.Where(e => e.Outgoing).Select(e => e.TransactionHash).Order().ToList();
        Assert.Equal(accepted.Order().ToList(), history);
        var account = (await wallet.GetAccountAsync(sender)).Value;
        Assert.Equal(((ulong)accepted.Count, expectedBalance), (account.Nonce, account.Balance));
    }
}
