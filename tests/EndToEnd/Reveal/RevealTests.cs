using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Errors;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Reveal;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Reveal;

/// <summary>
/// Privacy revelation on a real devnet (anvil with 1-second blocks, a rollup per block, an aggregator and a verifier):
/// reveal lengths XS = 1 and S = 3 rollups; ETH transfers use the default option S, the test token is listed as XS.
/// Releases are checked the way anyone would: rollups fetched from L1 by the client, never from the node.
/// </summary>
public sealed class RevealTests(RevealDevnetFixture devnet) : IClassFixture<RevealDevnetFixture>
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_S_transfer_becomes_readable_exactly_when_its_interval_ends_on_L1_and_not_one_rollup_earlier()
    {
        var alice = devnet.Account(4);
        var bob = devnet.Account(5);
        var wallet = devnet.CreateClient();
        var viaVerifier = devnet.CreateClient(devnet.Verifier);
        await FundAsync(wallet, alice, Ether);

        await using var watch = await BoundaryWatch.StartAsync(devnet.Verifier.Api, RevealOption.S, 3);
        var transfer = await wallet.TransferAsync(alice, Asset.Eth, bob.Address, Ether / new UInt256(10));
        var interval = transfer.Result.Value.Generation / 3;
        var release = await ReleasedAsync(viaVerifier, RevealOption.S, interval);

        // The verifier refused while its head was the interval's last rollup, and never answered against the rule.
        await PollAsync(() => Task.FromResult(watch.RefusedAtLast), seen => seen.Contains(interval), $"the verifier's refusal at the last rollup of S {interval}");
        Assert.Empty(watch.Violations);

        var revealed = await viaVerifier.VerifyRevealAsync(release);
        Assert.True(revealed.SignedByRegisteredEnclave);
        Assert.Contains(transfer.TransactionHash, revealed.Rollups.SelectMany(r => r.Transactions).Select(t => Keccak256.Hash(t)));
        Assert.Equal(3, revealed.Rollups.Count);

        // The same through the CLI, without a wallet: the release, then its check against L1.
        var file = Path.Combine(devnet.Root, $"reveal-s-{interval}.json");
        var got = await CliRunner.RunAsync(devnet, devnet.Verifier, "reveal", "--option", "S", "--interval", $"{interval}", "--out", file, "--json");
        Assert.True(got.ExitCode == 0, got.ToString());
        Assert.Equal(Hex.Encode(release.Key), got.Json["key"]!.GetValue<string>());
        var verified = await CliRunner.RunAsync(devnet, devnet.Aggregator, "reveal", "verify", "--release", file, "--json");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains(transfer.TransactionHash.ToString(), verified.Out, StringComparison.Ordinal);

        // A future interval is refused (13); another interval's key is a wrong key (14); moved positions are wrong positions (15).
        var early = await CliRunner.RunAsync(devnet, devnet.Verifier, "reveal", "--option", "S", "--interval", $"{interval + 1000}", "--json");
        Assert.True(early.ExitCode == 13, early.ToString());
        var wrongKey = await CliRunner.RunAsync(devnet, devnet.Verifier, "reveal", "verify", "--release", file, "--key", Hex.Encode(new byte[RevealKey.Size]), "--json");
        Assert.True(wrongKey.ExitCode == 14, wrongKey.ToString());
        var moved = release with { Entries = [.. release.Entries.Select(e => e.HasGroup ? e with { Offset = e.Offset + 1 } : e)] };
        var movedFile = Path.Combine(devnet.Root, $"reveal-s-{interval}-moved.hex");
        await File.WriteAllTextAsync(movedFile, Hex.Encode(moved.Encode()));
        var wrongPositions = await CliRunner.RunAsync(devnet, devnet.Verifier, "reveal", "verify", "--release", movedFile, "--json");
        Assert.True(wrongPositions.ExitCode == 15, wrongPositions.ToString());
    }

    [Fact]
    public async Task An_XS_transfer_is_readable_after_one_rollup_and_no_key_opens_another_option_s_or_interval_s_group()
    {
        var carol = devnet.Account(6);
        var dave = devnet.Account(7);
        var wallet = devnet.CreateClient();
        var token = await wallet.Assets.ResolveAsync(devnet.Deployment.TestToken!.Value.ToChecksumString());
        await FundAsync(wallet, carol, Ether);
        using (var sender = new L1Sender(devnet.Rpc, DevnetAccounts.PrivateKey(6)))
        {
            await new TestTokenContract(devnet.Deployment.TestToken.Value, devnet.Rpc, sender).MintAsync(carol.Address, new UInt256(1_000));
        }

        await wallet.DepositAsync(carol, token, new UInt256(1_000));
        await PollAsync(() => wallet.GetTokenBalanceAsync(carol, token), b => b.Value == new UInt256(1_000), "the token deposit credited");

        await using var watch = await BoundaryWatch.StartAsync(devnet.Aggregator.Api, RevealOption.XS, 1);
        var first = await wallet.TransferAsync(carol, token, dave.Address, new UInt256(10));
        var g = first.Result.Value.Generation;
        var xs = await ReleasedAsync(wallet, RevealOption.XS, g);
        await PollAsync(() => Task.FromResult(watch.RefusedAtLast), seen => seen.Contains(g), $"the aggregator's refusal of XS {g} while its head was {g}");
        Assert.Empty(watch.Violations);
        var revealed = await wallet.VerifyRevealAsync(xs);
        Assert.Equal([first.TransactionHash], Assert.Single(revealed.Rollups).Transactions.Select(t => Keccak256.Hash(t)));

        // An ETH transfer (S) later, and a second token transfer (XS) in a later rollup.
        var eth = await wallet.TransferAsync(carol, Asset.Eth, dave.Address, Ether / new UInt256(100));
        var second = await wallet.TransferAsync(carol, token, dave.Address, new UInt256(20));
        Assert.True(second.Result.Value.Generation > g);
        var s = await ReleasedAsync(wallet, RevealOption.S, eth.Result.Value.Generation / 3);
        var xsLater = await ReleasedAsync(wallet, RevealOption.XS, second.Result.Value.Generation);
        Assert.Contains(eth.TransactionHash, (await wallet.VerifyRevealAsync(s)).Rollups.SelectMany(r => r.Transactions).Select(t => Keccak256.Hash(t)));

        // One option's key opens no group of another option; interval N's key opens nothing of a later interval.
        await AssertWrongKeyAsync(wallet, s, xs.Key);
        await AssertWrongKeyAsync(wallet, xs, s.Key);
        await AssertWrongKeyAsync(wallet, xsLater, xs.Key);
        await AssertWrongKeyAsync(wallet, xs, xsLater.Key);
    }

    [Fact]
    public async Task A_node_that_restarts_releases_the_same_keys()
    {
        var wallet = devnet.CreateClient(devnet.Verifier);
        await DevnetFixture.WaitForStatusAsync(devnet.Verifier, s => s.HeadGeneration >= 4, Patience, "rollup generation 4");
        var before = await ReleasedAsync(wallet, RevealOption.S, 0);
        var xsBefore = await ReleasedAsync(wallet, RevealOption.XS, 2);

        await devnet.StopNodeAsync(devnet.Verifier);
        var restarted = await devnet.StartNodeAsync(DevnetFixtureNode.Verifier);
        await DevnetFixture.WaitForStatusAsync(restarted, s => s.Enclave is { Provisioned: true } && s.HeadGeneration >= 4, Patience, "provisioned again and following");
        var again = devnet.CreateClient(restarted);
        var after = await ReleasedAsync(again, RevealOption.S, 0);
        var xsAfter = await ReleasedAsync(again, RevealOption.XS, 2);
        Assert.Equal(before.Key, after.Key);
        Assert.Equal(before.Entries, after.Entries);
        Assert.Equal(xsBefore.Key, xsAfter.Key);
        Assert.Equal(xsBefore.Entries, xsAfter.Entries);
        Assert.True((await again.VerifyRevealAsync(after)).SignedByRegisteredEnclave);
    }

    private static async Task AssertWrongKeyAsync(ObscuroClient wallet, RevealRelease release, byte[] key)
    {
        var failure = await Assert.ThrowsAsync<RevealVerificationFailedException>(() => wallet.VerifyRevealAsync(release, key));
        Assert.Equal(RevealFailure.Key, failure.Failure);
        Assert.Equal(ClientErrorKind.RevealKeyWrong, failure.Kind);
    }

    private static async Task FundAsync(ObscuroClient wallet, Obscuro.Client.Keys.UnlockedAccount account, UInt256 amount)
    {
        await wallet.DepositAsync(account, Asset.Eth, amount);
        await PollAsync(() => wallet.GetAccountAsync(account), a => a.Value.Balance >= amount, "the deposit credited");
    }

    /// <summary>Asks until the node releases the interval (it refuses with NotReady until the interval has ended on L1).</summary>
    private static async Task<RevealRelease> ReleasedAsync(ObscuroClient wallet, RevealOption option, ulong interval)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await wallet.GetRevealAsync(option, interval);
            }
            catch (NotReadyException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        T last;
        while (!done(last = await read()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached in time: {what}; last: {last}");
            await Task.Delay(200);
        }

        return last;
    }
}
