using Obscuro.Client.Amounts;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.EndToEnd.Tests.Node;

/// <summary>The basic money path on a real devnet: an L1 deposit is credited on L2, a transfer moves it, both nodes agree.</summary>
public sealed class DepositAndTransferTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    [Fact]
    public async Task A_deposit_is_credited_and_a_transfer_moves_it_on_both_nodes()
    {
        var alice = devnet.Account(4);
        var bob = devnet.Account(5);
        var wallet = devnet.CreateClient();

        var deposit = await wallet.DepositAsync(alice, Asset.Eth, Ether * new UInt256(2));
        var credited = await PollAsync(() => wallet.GetAccountAsync(alice), a => a.Value.Balance == Ether * new UInt256(2), "the deposit credited");
        Assert.True(credited.BasedOn.L1BlockNumber >= deposit.BlockNumber);

        var transfer = await wallet.TransferAsync(alice, Asset.Eth, bob.Address, Ether / new UInt256(4));
        Assert.Equal(Obscuro.Protocol.Queries.TransactionState.Succeeded, transfer.Result.Value.State);

        var viaVerifier = devnet.CreateClient(devnet.Verifier);
        var bobOnVerifier = await PollAsync(() => viaVerifier.GetAccountAsync(bob), a => a.Value.Balance == Ether / new UInt256(4), "bob's transfer on the verifier");
        Assert.Equal(0UL, bobOnVerifier.Value.Nonce);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        T last;
        while (!done(last = await read()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached in time: {what}; last: {last}");
            await Task.Delay(200);
        }

        return last;
    }
}
