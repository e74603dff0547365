using Obscuro.Client.Keys;

namespace Obscuro.Silo.Devnet.Demo;

/// <summary>A demo user: one of anvil's accounts 5–9, named by its account number in the status view.</summary>
public sealed record DemoUser(int Account, UnlockedAccount Keys)
{
    public string Name => $"user{Account}";

    public static DemoUser Create(int account) => new(account, UnlockedAccount.InMemory(DevnetAccounts.PrivateKey(account), $"user{account}"));
}
