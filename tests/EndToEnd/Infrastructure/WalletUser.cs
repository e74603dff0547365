using Obscuro.Client.Keys;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// People using the <c>obscuro</c> CLI: each creates an account in a keystore of their own with <c>obscuro wallet new</c>
/// (typing the passphrase twice at the prompt) and gets L1 ETH from the devnet, as a faucet would give it.
/// </summary>
public sealed class WalletUser(string label, string passphrase, WalletCli cli, Address address)
{
    public static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    public string Label => label;

    public string Passphrase => passphrase;

    public WalletCli Cli => cli;

    public Address Address => address;

    public string AddressText => address.ToChecksumString();

    /// <summary>Creates the account through the CLI and funds it on L1 with <paramref name="l1Ether"/> ETH.</summary>
    public static async Task<WalletUser> CreateAsync(DevnetFixture devnet, string label, ulong l1Ether = 10)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        var directory = Path.Combine(devnet.Root, "wallets", $"{label}-{Guid.NewGuid():N}");
        var cli = new WalletCli(devnet, directory);
        var passphrase = $"{label}'s passphrase, long enough";
        cli.PromptAnswers.Enqueue(passphrase);
        cli.PromptAnswers.Enqueue(passphrase);
        var created = (await cli.RunAsync("wallet", "new", "--label", label, "--json")).Ok();
        var address = Address.Parse(created.Json["address"]!.GetValue<string>());
        await new AnvilControl(devnet.Rpc).SetBalanceAsync(address, Ether * new UInt256(l1Ether));
        return new WalletUser(label, passphrase, cli, address);
    }

    /// <summary>Runs a command with this user's passphrase (as <c>OBSCURO_PASSPHRASE</c>, the way scripts give it).</summary>
    public Task<CliRun> RunAsync(params string[] args) => cli.RunAsAsync(passphrase, args);

    /// <summary>The account opened through the library, for polling and for crafting requests by hand.</summary>
    public UnlockedAccount Unlock()
    {
        var keystore = new Keystore(cli.WalletDirectory);
        return keystore.Unlock(keystore.Find(label), passphrase);
    }
}
