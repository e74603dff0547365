using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Keys;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Node;

/// <summary>
/// The whole money path on a real devnet (issue 5): ETH and test-token deposits credited only from the rollup that
/// depends on their L1 block, ETH and token transfers, ETH and token withdrawals paid by the bridge N blocks after
/// their rollup, the verifier agreeing with the aggregator at every rollup, and total supply conserved at each step.
/// One scenario in one test: every step's accounting builds on the previous one's.
/// </summary>
public sealed class MoneyPathTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    private static readonly UInt256 Milli = new(1_000_000_000_000_000UL);

    [Fact]
    public async Task Deposits_transfers_and_withdrawals_keep_supply_and_both_nodes_agree()
    {
        var alice = devnet.Account(4);
        var bob = devnet.Account(5);
        var operatorAccount = devnet.Account(DevnetFixtureNode.GenesisAggregator.OperatorAccount);
        var wallet = devnet.CreateClient();
        var l1 = new L1Rollups(devnet.Rpc, devnet.Deployment.RollupManagement);
        var fee = Client.Transactions.L2Fees.PerTransaction(await wallet.L1.GetL2FeePerGasAsync());
        var token = await wallet.Assets.ResolveAsync(devnet.Deployment.TestToken!.Value.ToChecksumString());
        var ledger = new ExpectedLedger();

        // 1. Deposits: ETH, then the test token (minted to alice on L1 first).
        var ethDeposit = Ether * new UInt256(2);
        var deposit = await wallet.DepositAsync(alice, Asset.Eth, ethDeposit);
        Assert.Equal(ethDeposit, deposit.Amount);
        await AssertCreditedOnlyFromDependencyAsync(l1, deposit.BlockNumber, () => EthOf(wallet, alice), UInt256.Zero, ethDeposit, "alice's ETH deposit");
        ledger.DepositEth(alice.Address, ethDeposit);

        var tokenDeposit = new UInt256(600) * Milli;
        await MintAsync(alice, new UInt256(1_000) * Milli);
        var tokenDeposited = await wallet.DepositAsync(alice, token, tokenDeposit);
        Assert.Equal(tokenDeposit, tokenDeposited.Amount);
        await AssertCreditedOnlyFromDependencyAsync(l1, tokenDeposited.BlockNumber, () => TokenOf(wallet, alice, token), UInt256.Zero, tokenDeposit, "alice's token deposit");
        ledger.DepositToken(alice.Address, tokenDeposit);
        await AssertSupplyAsync(wallet, l1, ledger, token, [alice, bob], operatorAccount);

        // 2. Transfers of ETH and token, and one back from bob: two senders, both assets.
        var toBob = Ether / new UInt256(2);
        ledger.Included(await wallet.TransferAsync(alice, Asset.Eth, bob.Address, toBob), alice.Address, fee);
        ledger.TransferEth(alice.Address, bob.Address, toBob);
        var tokensToBob = new UInt256(250) * Milli;
        ledger.Included(await wallet.TransferAsync(alice, token, bob.Address, tokensToBob), alice.Address, fee);
        ledger.TransferToken(alice.Address, bob.Address, tokensToBob);
        var back = Milli * new UInt256(100);
        ledger.Included(await wallet.TransferAsync(bob, Asset.Eth, alice.Address, back), bob.Address, fee);
        ledger.TransferEth(bob.Address, alice.Address, back);
        await AssertSupplyAsync(wallet, l1, ledger, token, [alice, bob], operatorAccount);

        // 3. Withdrawals: ETH by alice to herself, the token by bob to himself; both listed in their rollups on L1.
        var ethOut = Milli * new UInt256(300);
        var ethWithdrawal = await wallet.WithdrawAsync(alice, Asset.Eth, alice.Address, ethOut);
        ledger.Included(ethWithdrawal, alice.Address, fee);
        ledger.WithdrawEth(alice.Address, ethOut);
        var tokenOut = Milli * new UInt256(100);
        var tokenWithdrawal = await wallet.WithdrawAsync(bob, token, bob.Address, tokenOut);
        ledger.Included(tokenWithdrawal, bob.Address, fee);
        ledger.WithdrawToken(bob.Address, tokenOut);
        await AssertSupplyAsync(wallet, l1, ledger, token, [alice, bob], operatorAccount);

        var ethPending = Assert.Single(await wallet.FindWithdrawalsAsync(alice, alice.Address, ethWithdrawal.TransactionHash));
        var tokenPending = Assert.Single(await wallet.FindWithdrawalsAsync(bob, bob.Address, tokenWithdrawal.TransactionHash));
        Assert.Equal(ethWithdrawal.Result.Value.RollupHash, ethPending.RollupHash);
        Assert.Equal((alice.Address, Address.Zero, ethOut), (ethPending.Withdrawal.Recipient, ethPending.Withdrawal.Token, ethPending.Withdrawal.Amount));
        Assert.Equal((bob.Address, token.L1Address, tokenOut), (tokenPending.Withdrawal.Recipient, tokenPending.Withdrawal.Token, tokenPending.Withdrawal.Amount));
        Assert.Contains(ethPending.Withdrawal, (await l1.HeaderAsync(ethPending.RollupHash)).Withdrawals);
        Assert.Contains(tokenPending.Withdrawal, (await l1.HeaderAsync(tokenPending.RollupHash)).Withdrawals);

        // 4. The bridge pays each N blocks after its rollup: alice's ETH exactly (less the gas she pays to finalize),
        // bob's tokens exactly.
        var delay = await new RollupManagementContract(devnet.Deployment.RollupManagement, devnet.Rpc).WithdrawalDelayAsync();
        var testToken = new TestTokenContract(token.L1Address, devnet.Rpc);
        var aliceBefore = await devnet.Rpc.GetBalanceAsync(alice.Address, BlockTag.Latest);
        var bobTokensBefore = await testToken.BalanceOfAsync(bob.Address);
        var paid = await Task.WhenAll(wallet.FinalizeAsync(alice, ethPending), wallet.FinalizeAsync(bob, tokenPending));
        Assert.Equal(aliceBefore + ethOut - paid[0].GasCost, await devnet.Rpc.GetBalanceAsync(alice.Address, BlockTag.Latest));
        Assert.Equal(bobTokensBefore + tokenOut, await testToken.BalanceOfAsync(bob.Address));
        Assert.True(paid[0].BlockNumber >= ethPending.PublishedAt + delay, $"paid in block {paid[0].BlockNumber}, rollup published in {ethPending.PublishedAt}, delay {delay}");
        Assert.True(paid[1].BlockNumber >= tokenPending.PublishedAt + delay, $"paid in block {paid[1].BlockNumber}, rollup published in {tokenPending.PublishedAt}, delay {delay}");
        Assert.Empty(await wallet.FindWithdrawalsAsync(alice, alice.Address));

        // 5. The verifier holds every rollup of the aggregator's chain as canonical: it re-executed each and reached the
        // state commitment in the header (the rollup hash binds it), generation by generation.
        await AssertVerifierAgreesAsync(l1);
        var viaVerifier = devnet.CreateClient(devnet.Verifier);
        var onAggregator = await EthOf(wallet, alice);
        var onVerifier = await Poll.UntilAsync(() => viaVerifier.GetAccountAsync(alice), a => a.BasedOn.Generation >= onAggregator.BasedOn.Generation, "the verifier at the aggregator's rollup");
        Assert.Equal(ledger.Eth[alice.Address], onVerifier.Value.Balance);
    }

    /// <summary>
    /// Polls a balance from the node until the deposit shows, checking every answer on the way: an answer based on a
    /// rollup whose L1 dependency precedes the deposit's block shows the old balance, any other the new one. Then, once
    /// the account's answer is anchored at the rollup that changed it, that rollup must be the first of the chain to
    /// depend on the deposit's block: its parent, which did not, left the balance as it was.
    /// </summary>
    private static async Task AssertCreditedOnlyFromDependencyAsync(L1Rollups l1, ulong depositBlock, Func<Task<(UInt256 Amount, RollupAnchor BasedOn)>> read, UInt256 before, UInt256 after, string what)
    {
        await Poll.UntilAsync(async () =>
        {
            var (amount, basedOn) = await read();
            var header = await l1.HeaderAsync(basedOn.RollupHash);
            var covers = header.DependencyBlockNumber >= depositBlock;
            Assert.True(amount == (covers ? after : before), $"{what}: rollup {header.Generation} depends on L1 block {header.DependencyBlockNumber}, the deposit is in {depositBlock}, yet the balance is {amount}");
            return covers;
        }, covers => covers, what);

        // Until the enclave's push reaches the account, answers come from the head; after it, from the crediting rollup.
        await Poll.UntilAsync(async () =>
        {
            var (amount, basedOn) = await read();
            var header = await l1.HeaderAsync(basedOn.RollupHash);
            Assert.Equal(after, amount);
            Assert.True(header.DependencyBlockNumber >= depositBlock);
            return (await l1.HeaderAsync(header.ParentHash)).DependencyBlockNumber < depositBlock;
        }, first => first, $"{what}: answered from the rollup that credited it");
    }

    private static async Task<(UInt256 Amount, RollupAnchor BasedOn)> EthOf(ObscuroClient wallet, UnlockedAccount account)
    {
        var answer = await wallet.GetAccountAsync(account);
        return (answer.Value.Balance, answer.BasedOn);
    }

    private static async Task<(UInt256 Amount, RollupAnchor BasedOn)> TokenOf(ObscuroClient wallet, UnlockedAccount account, Asset token)
    {
        var answer = await wallet.GetTokenBalanceAsync(account, token);
        return (answer.Value, answer.BasedOn);
    }

    private async Task MintAsync(UnlockedAccount to, UInt256 amount)
    {
        using var sender = new L1Sender(devnet.Rpc, DevnetAccounts.PrivateKey(DevnetAccounts.Governance));
        await new TestTokenContract(devnet.Deployment.TestToken!.Value, devnet.Rpc, sender).MintAsync(to.Address, amount);
    }

    /// <summary>
    /// Total supply, read at one rollup R on L2 and checked against public L1 data up to R: ETH on L2 is the users'
    /// balances, the operator's (rewards) and the reward pool, which holds every fee charged minus every reward paid
    /// (the headers list rewards). That must equal deposits − withdrawals; the token likewise without fees.
    /// </summary>
    private static async Task AssertSupplyAsync(ObscuroClient wallet, L1Rollups l1, ExpectedLedger ledger, Asset token, UnlockedAccount[] users, UnlockedAccount operatorAccount)
    {
        // An answer is based on the rollup that last changed the account (the node's head or an ancestor of it): read
        // together, with none of the test's transactions pending, all of them describe the state after the latest anchor.
        var eth = await Task.WhenAll(users.Append(operatorAccount).Select(u => EthOf(wallet, u)));
        var tokens = await Task.WhenAll(users.Select(u => TokenOf(wallet, u, token)));
        var snapshot = new BalanceSnapshot(eth, tokens);
        var at = snapshot.Eth.Concat(snapshot.Tokens).Select(a => a.BasedOn).MaxBy(a => a.Generation);
        var chain = await l1.ChainAsync(at.RollupHash);
        var rewards = chain.SelectMany(h => h.Rewards).ToList();
        Assert.All(rewards, r => Assert.Equal(operatorAccount.Address, r.Recipient));
        var rewardsPaid = Sum(rewards.Select(r => r.Amount));
        var withdrawnEth = Sum(chain.SelectMany(h => h.Withdrawals).Where(w => w.Token.IsZero).Select(w => w.Amount));
        var withdrawnToken = Sum(chain.SelectMany(h => h.Withdrawals).Where(w => w.Token == token.L1Address).Select(w => w.Amount));
        var feesCharged = ledger.FeesIncludedBy(at.Generation);

        // The expected per-account balances follow from the test's own inputs; the operator holds exactly the rewards.
        for (var i = 0; i < users.Length; i++)
        {
            Assert.Equal(ledger.Eth.GetValueOrDefault(users[i].Address), snapshot.Eth[i].Amount);
            Assert.Equal(ledger.Token.GetValueOrDefault(users[i].Address), snapshot.Tokens[i].Amount);
        }

        Assert.Equal(rewardsPaid, snapshot.Eth[^1].Amount);
        Assert.Equal(ledger.WithdrawnEth, withdrawnEth);
        Assert.Equal(ledger.WithdrawnToken, withdrawnToken);
        Assert.True(rewardsPaid <= feesCharged, $"rewards {rewardsPaid} exceed the fees {feesCharged} that fill the pool");
        var pool = feesCharged - rewardsPaid;
        Assert.Equal(ledger.DepositedEth - withdrawnEth, Sum(snapshot.Eth.Select(e => e.Amount)) + pool);
        Assert.Equal(ledger.DepositedToken - withdrawnToken, Sum(snapshot.Tokens.Select(t => t.Amount)));
    }

    /// <summary>
    /// Walks the aggregator's canonical chain on L1 from its head to genesis and requires the verifier to hold each
    /// rollup as canonical at the same generation (waiting for the verifier to reach the head first).
    /// </summary>
    private async Task AssertVerifierAgreesAsync(L1Rollups l1)
    {
        var head = await devnet.Aggregator.Api.GetStatusAsync();
        await DevnetFixture.WaitForStatusAsync(devnet.Verifier, s => s.HeadGeneration >= head.HeadGeneration, Poll.DefaultTimeout, $"generation {head.HeadGeneration}");
        var chain = await l1.ChainAsync(head.HeadRollup);
        Assert.Equal(head.HeadGeneration + 1, (ulong)chain.Count);
        foreach (var header in chain)
        {
            foreach (var node in new[] { devnet.Aggregator, devnet.Verifier })
            {
                var record = await Poll.UntilAsync(() => node.Api.GetRollupAsync(header.Hash), r => r is not null, $"{node.Spec.NodeId}'s record of rollup {header.Generation}");
                Assert.Equal((header.Generation, header.ParentHash, "canonical"), (record!.Generation, record.ParentHash, record.Standing));
            }
        }
    }

    private sealed record BalanceSnapshot((UInt256 Amount, RollupAnchor BasedOn)[] Eth, (UInt256 Amount, RollupAnchor BasedOn)[] Tokens);

    private static UInt256 Sum(IEnumerable<UInt256> amounts) => amounts.Aggregate(UInt256.Zero, (a, b) => a + b);
}
