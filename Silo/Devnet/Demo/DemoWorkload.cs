using System.Security.Cryptography;
using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Errors;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Devnet.Demo;

/// <summary>
/// The devnet's demo: wallets doing what users do, through the client library against the first aggregator. Four of
/// anvil's accounts 5–9 deposit ETH (two of them also the test token), then each sends a steady stream of transfers to
/// the others, and one of them withdraws once and finalizes the withdrawal on L1 when the bridge pays it. Every failure
/// is recorded in <see cref="DemoActivity"/> and retried later; nothing here may stop the devnet.
/// </summary>
public sealed class DemoWorkload
{
    private static readonly int[] Users = [5, 6, 7, 8, 9];
    private static readonly int[] EthDepositors = [5, 6, 7, 8];
    private static readonly int[] TokenDepositors = [5, 6];
    private const int Withdrawer = 8;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);

    private readonly ObscuroClient _client;
    private readonly DemoActivity _activity;
    private readonly List<DemoUser> _users;
    private readonly List<Task> _background = [];

    public DemoWorkload(ObscuroClient client, DemoActivity activity)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(activity);
        _client = client;
        _activity = activity;
        _users = [.. Users.Select(DemoUser.Create)];
    }

    /// <summary>Runs until cancelled; returns normally then (and on any failure, which it records instead of throwing).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WaitForNetworkAsync(cancellationToken).ConfigureAwait(false);
            var token = await ResolveTokenAsync(cancellationToken).ConfigureAwait(false);

            _activity.SetPhase("depositing on L1");
            var funded = (await Task.WhenAll(EthDepositors.Select(account => FundAsync(User(account), token, cancellationToken))).ConfigureAwait(false))
                .Where(user => user is not null).Select(user => user!).ToList();

            _activity.SetPhase("waiting for the deposits on L2");
            await Task.WhenAll(funded.Select(user => WaitForCreditAsync(user, token, cancellationToken))).ConfigureAwait(false);

            _activity.SetPhase("transferring");
            await Task.WhenAll(funded.Select(user => TransferLoopAsync(user, token, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _activity.SetPhase("stopped by an error");
            _activity.Failed($"the demo stopped: {Describe(e)}");
        }
        finally
        {
            await Task.WhenAll(_background).ConfigureAwait(false);
            foreach (var user in _users) user.Keys.Dispose();
        }
    }

    private DemoUser User(int account) => _users.Single(u => u.Account == account);

    /// <summary>Nothing can be sent until the genesis node has initialised the network on L1 (its key is what wallets encrypt to).</summary>
    private async Task WaitForNetworkAsync(CancellationToken cancellationToken)
    {
        _activity.SetPhase("waiting for the network key on L1");
        while (true)
        {
            try
            {
                await _client.EnsureL1Async().ConfigureAwait(false);
                await _client.L1.GetNetworkPublicKeyAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is ObscuroClientException or Contracts.Rpc.L1UnavailableException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Asset?> ResolveTokenAsync(CancellationToken cancellationToken) =>
        _client.Deployment.TestToken is { } address
            ? await _client.Assets.ResolveAsync(address.ToChecksumString(), cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Deposits ETH, and for some users the test token (minted on L1 first: anyone may mint it). Null when it keeps failing.</summary>
    private async Task<DemoUser?> FundAsync(DemoUser user, Asset? token, CancellationToken cancellationToken)
    {
        var ether = Asset.Eth.Parse("10");
        if (!await TryAsync($"deposit by {user.Name}", async () =>
            {
                var deposit = await _client.DepositAsync(user.Keys, Asset.Eth, ether, cancellationToken: cancellationToken).ConfigureAwait(false);
                _activity.Deposited($"{user.Name} deposited {Asset.Eth.Format(ether)} (L1 block {deposit.BlockNumber})");
            }, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (token is not null && TokenDepositors.Contains(user.Account))
        {
            var tokens = token.Parse("500");
            await TryAsync($"{token.Symbol} deposit by {user.Name}", async () =>
            {
                using var sender = new L1Sender(_client.L1.Rpc, DevnetAccounts.PrivateKey(user.Account));
                await new TestTokenContract(token.L1Address, _client.L1.Rpc, sender).MintAsync(user.Keys.Address, tokens, cancellationToken).ConfigureAwait(false);
                var deposit = await _client.DepositAsync(user.Keys, token, tokens, cancellationToken: cancellationToken).ConfigureAwait(false);
                _activity.Deposited($"{user.Name} deposited {token.Format(tokens)} (L1 block {deposit.BlockNumber})");
            }, cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    /// <summary>
    /// A deposit reaches L2 with the next rollup after its L1 block, and queries answer only from rollups on L1: a
    /// transfer sent before then fails for want of funds.
    /// </summary>
    private async Task WaitForCreditAsync(DemoUser user, Asset? token, CancellationToken cancellationToken)
    {
        var needsToken = token is not null && TokenDepositors.Contains(user.Account);
        while (true)
        {
            try
            {
                if (!(await _client.GetAccountAsync(user.Keys, cancellationToken).ConfigureAwait(false)).Value.Balance.IsZero
                    && (!needsToken || !(await _client.GetTokenBalanceAsync(user.Keys, token!, cancellationToken).ConfigureAwait(false)).Value.IsZero))
                {
                    return;
                }
            }
            catch (Exception e) when (e is ObscuroClientException && !cancellationToken.IsCancellationRequested)
            {
                // Until the first rollup after the deposit is on L1, the node may refuse queries about the account.
                _activity.SetPhase($"waiting for the deposits on L2 ({e.Message})");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TransferLoopAsync(DemoUser user, Asset? token, CancellationToken cancellationToken)
    {
        if (user.Account == Withdrawer)
        {
            await WithdrawOnceAsync(user, cancellationToken).ConfigureAwait(false);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var others = _users.Where(u => u.Account != user.Account).ToList();
            var to = others[RandomNumberGenerator.GetInt32(others.Count)];
            var (asset, amount) = token is not null && TokenDepositors.Contains(user.Account) && RandomNumberGenerator.GetInt32(3) == 0
                ? (token, token.Parse("1") * new UInt256((ulong)RandomNumberGenerator.GetInt32(1, 20)))
                : (Asset.Eth, Asset.Eth.Parse("0.001") * new UInt256((ulong)RandomNumberGenerator.GetInt32(1, 50)));
            await TryAsync($"transfer {user.Name} → {to.Name}", async () =>
            {
                var outcome = await _client.TransferAsync(user.Keys, asset, to.Keys.Address, amount, cancellationToken: cancellationToken).ConfigureAwait(false);
                _activity.Transferred($"{user.Name} → {to.Name}: {asset.Format(amount)} (rollup {outcome.Result.Value.Generation})");
            }, cancellationToken, attempts: 1).ConfigureAwait(false);
        }
    }

    /// <summary>Withdraws 1 ETH to the user's own L1 address; the finalisation waits for the bridge's delay in the background.</summary>
    private async Task WithdrawOnceAsync(DemoUser user, CancellationToken cancellationToken)
    {
        var amount = Asset.Eth.Parse("1");
        await TryAsync($"withdrawal by {user.Name}", async () =>
        {
            var outcome = await _client.WithdrawAsync(user.Keys, Asset.Eth, user.Keys.Address, amount, cancellationToken: cancellationToken).ConfigureAwait(false);
            _activity.Withdrew($"{user.Name} withdrew {Asset.Eth.Format(amount)} to L1 (rollup {outcome.Result.Value.Generation}); payable after the bridge's delay");
            _background.Add(FinalizeAsync(user, outcome.TransactionHash, cancellationToken));
        }, cancellationToken, attempts: 1).ConfigureAwait(false);
    }

    private Task<bool> FinalizeAsync(DemoUser user, Hash256 withdrawal, CancellationToken cancellationToken) =>
        TryAsync($"finalisation for {user.Name}", async () =>
        {
            var pending = await _client.FindWithdrawalsAsync(user.Keys, user.Keys.Address, withdrawal, cancellationToken).ConfigureAwait(false);
            var paid = await _client.FinalizeAsync(user.Keys, pending[0], cancellationToken: cancellationToken).ConfigureAwait(false);
            _activity.FinalizedOnL1($"{user.Name}'s withdrawal of {Asset.Eth.Format(pending[0].Withdrawal.Amount)} paid on L1 (block {paid.BlockNumber})");
        }, cancellationToken);

    /// <summary>Runs one step, recording each failure and trying again after a pause; false once the attempts are used up.</summary>
    private async Task<bool> TryAsync(string what, Func<Task> step, CancellationToken cancellationToken, int attempts = 3)
    {
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await step().ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                _activity.Failed($"{what}: {Describe(e)}");
                try
                {
                    await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }

                if (attempt >= attempts) return false;
            }
        }

        return false;
    }

    private static string Describe(Exception e)
    {
        var text = e is ObscuroClientException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        return text.ReplaceLineEndings(" ");
    }
}
