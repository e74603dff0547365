using System.Collections.Concurrent;
using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Errors;
using Obscuro.Client.Keys;
using Obscuro.Client.L1;
using Obscuro.Client.Transactions;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.Transactions;
using Xunit.Abstractions;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>
/// Wallet users acting at random on a <see cref="PobiNetwork"/>, each through whichever running aggregator a seeded
/// die picks: ETH deposits, transfers to each other, withdrawals, and invalid transactions (garbage, an overspend, a
/// replay, a token transfer without tokens). Every user acts in sequence, all users at once. What the test expects the
/// L2 to hold follows from the test's own inputs (<see cref="Ledger"/>); the accepted transactions are remembered so
/// that the end of the run can find each in exactly one canonical rollup.
/// </summary>
public sealed class RandomisedWorkload
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    private static readonly UInt256 Milli = new(1_000_000_000_000_000UL);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(2);

    private readonly PobiNetwork _network;
    private readonly ITestOutputHelper _output;
    private readonly Dictionary<int, ObscuroClient> _clients = [];
    private readonly List<User> _users;
    private readonly ConcurrentQueue<AcceptedTransaction> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly object _ledgerLock = new();
    private readonly List<DepositResult> _deposits = [];
    private Asset _token = null!;

    private RandomisedWorkload(PobiNetwork network, ITestOutputHelper output, int seed, IEnumerable<int> userAccounts)
    {
        _network = network;
        _output = output;
        // HashCode is randomised per process, so the per-user seed is derived by hand.
        _users = [.. userAccounts.Select(account => new User(network.Account(account), new Random(unchecked((seed * 397) ^ account))))];
    }

    /// <summary>What the L2 should hold: every deposit that is on L1, every accepted transaction's effect and fee.</summary>
    public ExpectedLedger Ledger { get; } = new();

    public UInt256 Fee { get; private set; }

    public IReadOnlyCollection<AcceptedTransaction> Accepted => _accepted;

    /// <summary>The accepted withdrawals (each to its sender's own L1 address), for finalizing them on L1.</summary>
    public IEnumerable<AcceptedTransaction> Withdrawals => _accepted.Where(a => a.Kind == "withdrawal");

    public IReadOnlyList<UnlockedAccount> Users => [.. _users.Select(u => u.Account)];

    /// <summary>Accounts that only receive deposits (the run's L1-reorg victim).</summary>
    public List<UnlockedAccount> Others { get; } = [];

    /// <summary>Deposits made (and still on L1), for the run's L1 checks.</summary>
    public IReadOnlyList<DepositResult> Deposits => _deposits;

    /// <summary>Nodes the users may talk to now.</summary>
    public List<int> Running { get; } = [];

    public static async Task<RandomisedWorkload> CreateAsync(PobiNetwork network, ITestOutputHelper output, int seed, IEnumerable<int> userAccounts)
    {
        var workload = new RandomisedWorkload(network, output, seed, userAccounts);
        var wallet = network.CreateClient(0);
        workload.Fee = L2Fees.PerTransaction(await wallet.L1.GetL2FeePerGasAsync());
        workload._token = await wallet.Assets.ResolveAsync(network.Deployment.TestToken!.Value.ToChecksumString());
        return workload;
    }

    /// <summary>The wallet client of node <paramref name="node"/> (a new one once the node has been restarted).</summary>
    public ObscuroClient ClientOf(int node)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(node, out var client))
            {
                client = _network.CreateClient(node);
                _clients[node] = client;
            }

            return client;
        }
    }

    /// <summary>Forgets a node's client, whose gateway went away with the node.</summary>
    public void Disconnect(int node)
    {
        lock (_clients) _clients.Remove(node);
    }

    /// <summary>Deposits <paramref name="amount"/> ETH for <paramref name="account"/> and counts it as injected.</summary>
    public async Task<DepositResult> DepositAsync(UnlockedAccount account, UInt256 amount)
    {
        if (_users.All(u => u.Account != account) && !Others.Contains(account)) Others.Add(account);
        var result = await ClientOf(Running[0]).DepositAsync(account, Asset.Eth, amount);
        Record(result);
        return result;
    }

    /// <summary>Forgets a deposit an L1 reorg removed: it never happened as far as L1 (and so the L2) is concerned.</summary>
    public void Forget(DepositResult removed)
    {
        lock (_ledgerLock)
        {
            Assert.True(_deposits.Remove(removed));
            Ledger.ForgetDepositEth(removed.L2Recipient, removed.Amount);
        }
    }

    /// <summary>Every user does <paramref name="operations"/> random things in sequence; all users at once.</summary>
    public async Task RunPhaseAsync(string phase, int operations)
    {
        var started = DateTime.UtcNow;
        var height = await _network.L1HeightAsync();
        await Task.WhenAll(_users.Select(user => ActAsync(user, operations)));
        _output.WriteLine($"{phase}: {operations} operations per user through nodes {string.Join(",", Running)} in {(DateTime.UtcNow - started).TotalSeconds:0.0} s, L1 {height} -> {await _network.L1HeightAsync()}; so far {Summary()}");
    }

    /// <summary>Waits until node <paramref name="node"/> shows every user's account at the nonce the run expects.</summary>
    public Task WaitUntilSyncedAsync(int node) => Task.WhenAll(_users.Select(user => SyncedAsync(ClientOf(node), user)));

    public string Summary() => string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    private async Task ActAsync(User user, int operations)
    {
        for (var i = 0; i < operations; i++)
        {
            // Each user's die is its own and used by it alone, so a seed replays the same choices.
            var node = Running[user.Random.Next(Running.Count)];
            var roll = user.Random.Next(100);

            var client = ClientOf(node);
            await SyncedAsync(client, user);
            var task = roll switch
            {
                < 15 => DepositAsync(user),
                < 55 => TransferAsync(client, user),
                < 70 => WithdrawAsync(client, user),
                < 77 => GarbageAsync(node, user),
                < 84 => OverspendAsync(client, user),
                < 92 => ReplayAsync(node, client, user),
                _ => TokenWithoutTokensAsync(client, user),
            };
            await task;
        }
    }

    private async Task DepositAsync(User user)
    {
        var result = await ClientOf(Running[0]).DepositAsync(user.Account, Asset.Eth, Amount(user, 50, 500));
        Record(result);
        Count("deposit");
    }

    private async Task TransferAsync(ObscuroClient client, User user)
    {
        var to = Pick(user);
        var amount = Amount(user, 1, 50);
        var outcome = await client.TransferAsync(user.Account, Asset.Eth, to.Address, amount);
        Accept(user, outcome, TransactionState.Succeeded, "transfer");
        lock (_ledgerLock)
        {
            Ledger.Included(outcome, user.Account.Address, Fee);
            Ledger.TransferEth(user.Account.Address, to.Address, amount);
        }
    }

    private async Task WithdrawAsync(ObscuroClient client, User user)
    {
        var amount = Amount(user, 1, 50);
        var outcome = await client.WithdrawAsync(user.Account, Asset.Eth, user.Account.Address, amount);
        Accept(user, outcome, TransactionState.Succeeded, "withdrawal");
        lock (_ledgerLock)
        {
            Ledger.Included(outcome, user.Account.Address, Fee);
            Ledger.WithdrawEth(user.Account.Address, amount);
        }
    }

    // Invalid transactions: each refused with its own reason, the account untouched (its nonce, checked here; its
    // balance, by the exact balances at the end of the run).
    private async Task GarbageAsync(int node, User user)
    {
        var garbage = new byte[user.Random.Next(64, 600)];
        user.Random.NextBytes(garbage);
        var result = await _network.Node(node).Api.SubmitTransactionAsync(garbage);
        Assert.False(result.Accepted, "random bytes were accepted as a transaction");
        Assert.Equal(TransactionRejection.NotDecryptable, (TransactionRejection)result.Reason);
        await AssertNonceAsync(ClientOf(node), user);
        Count("rejected garbage");
    }

    private async Task OverspendAsync(ObscuroClient client, User user)
    {
        // Far beyond anything the run deposits: the client leaves the funds check to the node with SubmitAsync.
        var refused = await Assert.ThrowsAsync<InsufficientFundsException>(() => client.SubmitAsync(user.Account, L2Calls.Transfer(Asset.Eth, Pick(user).Address, Ether * new UInt256(1_000_000))));
        Assert.StartsWith("The node refused the transaction", refused.Message, StringComparison.Ordinal);
        await AssertNonceAsync(client, user);
        Count("rejected overspend");
    }

    private async Task ReplayAsync(int node, ObscuroClient client, User user)
    {
        if (user.LastCiphertext is not { } replayed)
        {
            await GarbageAsync(node, user);
            return;
        }

        var result = await _network.Node(node).Api.SubmitTransactionAsync(replayed);
        Assert.False(result.Accepted, "an included transaction was accepted again");
        Assert.Equal(TransactionRejection.NonceTooLow, (TransactionRejection)result.Reason);
        await AssertNonceAsync(client, user);
        Count("rejected replay");
    }

    private async Task TokenWithoutTokensAsync(ObscuroClient client, User user)
    {
        // Passes admission (the fee is covered) and fails in execution: fee and nonce spent, no token moves.
        var call = L2Calls.Transfer(_token, Pick(user).Address, UInt256.One);
        var submission = await client.SubmitAsync(user.Account, call);
        var answer = await client.WaitForInclusionAsync(user.Account, submission.TransactionHash);
        Assert.Equal((TransactionState.Failed, Fee, "insufficient token balance"), (answer.Value.State, answer.Value.FeePaid, answer.Value.FailureReason));
        Accept(user, new TransactionOutcome(call, submission, answer), TransactionState.Failed, "failed token transfer");
        lock (_ledgerLock) Ledger.Eth[user.Account.Address] -= Fee;
    }

    private void Accept(User user, TransactionOutcome outcome, TransactionState state, string kind)
    {
        Assert.Equal(user.Nonce, outcome.Submission.Nonce);
        user.Nonce++;
        user.LastCiphertext = outcome.Submission.Ciphertext;
        _accepted.Enqueue(new AcceptedTransaction(user.Account, outcome.Submission.TransactionHash, state, kind));
        Count(kind);
    }

    private void Record(DepositResult result)
    {
        lock (_ledgerLock)
        {
            _deposits.Add(result);
            Ledger.DepositEth(result.L2Recipient, result.Amount);
        }
    }

    private static async Task AssertNonceAsync(ObscuroClient client, User user) =>
        Assert.Equal(user.Nonce, (await client.GetAccountAsync(user.Account)).Value.Nonce);

    /// <summary>
    /// Waits until the node has ingested the user's last transaction, so that its wallet picks the next nonce; a nonce
    /// above what the run sent would be a transaction applied twice.
    /// </summary>
    private static async Task SyncedAsync(ObscuroClient client, User user)
    {
        var deadline = DateTime.UtcNow + SyncTimeout;
        while (true)
        {
            var nonce = (await client.GetAccountAsync(user.Account)).Value.Nonce;
            Assert.True(nonce <= user.Nonce, $"{user.Account.Address} is at nonce {nonce} on a node, but only {user.Nonce} of its transactions were accepted");
            if (nonce == user.Nonce) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{user.Account.Address} stayed at nonce {nonce} (expected {user.Nonce}) for {SyncTimeout}.");
            await Task.Delay(100);
        }
    }

    private UnlockedAccount Pick(User user)
    {
        var others = _users.Where(u => u != user).ToList();
        return others[user.Random.Next(others.Count)].Account;
    }

    private static UInt256 Amount(User user, int min, int max) => Milli * new UInt256((ulong)user.Random.Next(min, max + 1));

    private void Count(string kind) => _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    private sealed class User(UnlockedAccount account, Random random)
    {
        public UnlockedAccount Account { get; } = account;

        public Random Random { get; } = random;

        public ulong Nonce { get; set; }

        public byte[]? LastCiphertext { get; set; }
    }
}

/// <summary>A transaction a node accepted during the run and the outcome it had when first included.</summary>
public sealed record AcceptedTransaction(UnlockedAccount Sender, Hash256 TransactionHash, TransactionState State, string Kind);
