using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Enclave;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Orleans.Serialization;
using Orleans.Storage;

namespace Obscuro.Grains.Tests.Enclave;

[Collection(EnclaveNetworkDefinition.Name)]
public sealed class EnclaveSealedStateTests(EnclaveNetworkFixture fixture)
{
    private static readonly UInt256 Ether = EnclaveNetworkFixture.Ether;

    [Fact]
    public async Task What_enclave_grains_hand_to_storage_holds_no_address_balance_seed_key_or_transaction()
    {
        var network = await TestNetwork.DeployAsync(fixture, "sealed");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("sealed-alice");
        using var bob = new L2Wallet("sealed-bob");
        var deposit = new UInt256(1_234_567_890_123_456_789UL);
        var sent = new UInt256(987_654_321_987_654_321UL);
        await Rollups.DepositAndPublishAsync(network, alice.Address, deposit);
        var transfer = alice.SignTransfer(0, bob.Address, sent);
        var verdict = await a.AdmitAsync(L2Wallet.Encrypt(transfer, networkKey));
        await Rollups.PublishNextAsync(a, [verdict.Transaction!]);
        var aliceBalance = deposit - sent - Protocol.Execution.NetworkRules.Devnet.TransactionFee;

        var silo = a.Cluster.EnclaveSilo.ServiceProvider;
        var storage = silo.GetRequiredKeyedService<IGrainStorage>("Default");
        var serializer = silo.GetRequiredService<Serializer>();
        var secrets = a.Cluster.Vault.Find(a.NodeId)!.Secrets!;

        var enclave = new GrainState<EnclaveGrainState>();
        await storage.ReadStateAsync("enclave", a.Enclave.GetGrainId(), enclave);
        var accountKeys = new[] { alice.Address, bob.Address }.Select(address => secrets.AccountGrainKey(a.NodeId, address)).ToList();
        var accounts = new List<GrainState<AccountGrainState>>();
        foreach (var key in accountKeys)
        {
            var account = new GrainState<AccountGrainState>();
            await storage.ReadStateAsync("account", a.Cluster.Grains.GetGrain<IAccountGrain>(key).GetGrainId(), account);
            Assert.NotNull(account.State?.Sealed);
            accounts.Add(account);
        }

        var enclaveState = enclave.State ?? throw new InvalidOperationException("The enclave grain stored no state.");
        Assert.NotNull(enclaveState.Record);
        var sealedSeed = enclaveState.Seed ?? throw new InvalidOperationException("The enclave grain stored no sealed seed.");

        // What a durable provider would write: the state objects, serialized.
        var stored = new List<byte[]> { serializer.SerializeToArray(enclaveState) };
        stored.AddRange(accounts.Select(account => serializer.SerializeToArray(account.State)));
        stored.Add(verdict.Transaction!.Sealed);

        // The secrets to look for, obtained the only way there is: through the TEE and the vault.
        var seed = a.Cluster.Tee.Unseal(sealedSeed, EnclaveGrainState.SeedPurpose).AsSpan(0, 32).ToArray();
        var networkPrivateKey = new byte[32];
        secrets.NetworkKey.CopyPrivateKeyTo(networkPrivateKey);
        var secretsToFind = new Dictionary<string, byte[]>
        {
            ["alice's address"] = alice.Address.ToArray(),
            ["bob's address"] = bob.Address.ToArray(),
            ["alice's address in hex"] = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(alice.Address.ToArray())),
            ["bob's address in hex"] = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(bob.Address.ToArray())),
            ["alice's balance"] = aliceBalance.ToBigEndianArray(),
            ["bob's balance"] = sent.ToBigEndianArray(),
            ["the deposit"] = deposit.ToBigEndianArray(),
            ["the master seed"] = seed,
            ["the network private key"] = networkPrivateKey,
            ["the signed transfer"] = transfer,
        };
        foreach (var (what, secret) in secretsToFind)
        {
            Assert.All(stored, blob => Assert.True(blob.AsSpan().IndexOf(secret) < 0, $"{what} is in stored state in plaintext"));
        }

        // Grain ids reach storage keys and logs: the account grains' ids do not name the addresses.
        Assert.All(accountKeys, key => Assert.DoesNotContain(Convert.ToHexStringLower(alice.Address.ToArray()), key, StringComparison.Ordinal));
        Assert.All(accountKeys, key => Assert.DoesNotContain(Convert.ToHexStringLower(bob.Address.ToArray()), key, StringComparison.Ordinal));

        // The search can fail: opened with the network's state key, bob's account does hold his balance.
        var opened = secrets.StateSealer.Unseal(AccountSealing.StatePurpose, Encoding.UTF8.GetBytes(accountKeys[1]), accounts[1].State!.Sealed!);
        Assert.True(opened.AsSpan().IndexOf(sent.ToBigEndianArray()) >= 0);
        Assert.Equal(sent, serializer.Deserialize<AccountSnapshot>(opened)!.Balance);
    }

    [Fact]
    public async Task An_account_grain_gives_a_host_silo_nothing_to_read_and_takes_nothing_it_did_not_seal()
    {
        var network = await TestNetwork.DeployAsync(fixture, "account-boundary");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("boundary-alice");
        await Rollups.DepositAndPublishAsync(network, alice.Address, Ether);
        var secrets = a.Cluster.Vault.Find(a.NodeId)!.Secrets!;
        var key = secrets.AccountGrainKey(a.NodeId, alice.Address);

        // Called as host code (the host silo's grain factory): grain calls inside a cluster are not authenticated.
        var account = a.Cluster.Grains.GetGrain<IAccountGrain>(key);
        var snapshot = await account.GetSealedSnapshotAsync();
        Assert.True(snapshot.AsSpan().IndexOf(Ether.ToBigEndianArray()) < 0);
        Assert.True(snapshot.AsSpan().IndexOf(alice.Address.ToArray()) < 0);

        // A forged update, and the grain's own sealed snapshot offered back as an update: both refused, nothing changes.
        await Assert.ThrowsAnyAsync<Exception>(() => account.ApplyAsync(new byte[120]));
        await Assert.ThrowsAnyAsync<Exception>(() => account.ApplyAsync(snapshot));
        Assert.Equal(Ether, (await alice.AskAsync(a, Protocol.Queries.QueryKind.Account, [], networkKey, Protocol.Queries.AccountSummary.Decode)).Balance);
    }
}
