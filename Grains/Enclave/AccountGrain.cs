using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Obscuro.Grains.Node;
using Obscuro.Grains.Placement;
using Obscuro.Grains.Tee;
using Obscuro.Grains.Vault;
using Orleans.Placement;
using Orleans.Serialization;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// One account on one node (key <c>{nodeId}/{blinded id}</c>, see <see cref="NodeSecrets.AccountGrainKey"/>): its
/// L1-confirmed balance, nonce, token balances and recent history, as the node's enclave grain pushes them once the
/// rollup that changed them is in a verified L1 block, and the anchor they are based on. Read by the query workers.
/// <para>
/// Sealed with the network's state sealing key rather than the TEE's own: the account is network data, not this TEE's
/// identity, so any provisioned enclave of the network (a standby TEE silo taking over, a rebuilt node) can open it,
/// while the host, which stores it, cannot. It also cannot open before the enclave holds the seed, which is when the
/// enclave starts pushing updates anyway.
/// </para>
/// </summary>
[TeeOnly]
[Immovable]
public sealed class AccountGrain(
    ITeeEnvironment tee,
    EnclaveVault vaults,
    Serializer serializer,
    IOptions<EnclaveOptions> options,
    [PersistentState("account")] IPersistentState<AccountGrainState> state)
    : TeeGrain(tee), IAccountGrain
{
    private AccountSnapshot? _account;

    async Task IAccountGrain.ApplyAsync(AccountUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var current = Load();
        var kept = update.KeepHistoryThroughGeneration is { } keep ? current.History.Where(e => e.Generation <= keep) : [];
        var history = kept
            .Concat(update.NewEntries)
            .DistinctBy(e => (e.TransactionHash, e.Outgoing))
            .OrderByDescending(e => e.Generation)
            .ThenByDescending(e => e.Position)
            .ThenBy(e => e.Outgoing)
            .Take(Math.Max(1, options.Value.AccountHistoryLimit))
            .ToList();
        _account = new AccountSnapshot(update.Anchor, update.Balance, update.Nonce, update.Tokens, history);
        await SaveAsync(_account);
    }

    Task<AccountSnapshot> IAccountGrain.GetSnapshotAsync() => Task.FromResult(Load());

    private AccountSnapshot Load()
    {
        if (_account is not null)
        {
            return _account;
        }

        if (state.State.Sealed is not { } sealedAccount)
        {
            return _account = AccountSnapshot.Empty;
        }

        var bytes = Sealer().Unseal(AccountGrainState.Purpose, Identifier(), sealedAccount);
        try
        {
            return _account = serializer.Deserialize<AccountSnapshot>(bytes) ?? throw new InvalidOperationException("The sealed account state holds no account.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private async Task SaveAsync(AccountSnapshot account)
    {
        var bytes = serializer.SerializeToArray(account);
        try
        {
            state.State.Sealed = Sealer().Seal(AccountGrainState.Purpose, Identifier(), bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        await state.WriteStateAsync();
    }

    private Protocol.Crypto.Sealer Sealer()
    {
        var key = this.GetPrimaryKeyString();
        var nodeId = key[..Math.Max(0, key.LastIndexOf('/'))];
        return vaults.Find(nodeId)?.Secrets?.StateSealer
            ?? throw new InvalidOperationException($"The enclave of node {nodeId} does not hold the master seed on this silo, so account state cannot be opened yet.");
    }

    private byte[] Identifier() => Encoding.UTF8.GetBytes(this.GetPrimaryKeyString());
}
