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
/// while the host, which stores it, cannot. It cannot open before the enclave holds the seed, which is also when the
/// enclave starts pushing updates. Its interface carries only sealed blobs (<see cref="AccountSealing"/>).
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

    async Task IAccountGrain.ApplyAsync(byte[] sealedUpdate)
    {
        ArgumentNullException.ThrowIfNull(sealedUpdate);
        var sealer = Sealer();
        var update = AccountSealing.Open<AccountUpdate>(sealer, serializer, AccountSealing.UpdatePurpose, Key, sealedUpdate);
        var current = Load(sealer);
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
        state.State.Sealed = AccountSealing.Seal(sealer, serializer, AccountSealing.StatePurpose, Key, _account);
        await state.WriteStateAsync();
    }

    Task<byte[]> IAccountGrain.GetSealedSnapshotAsync()
    {
        var sealer = Sealer();
        return Task.FromResult(AccountSealing.Seal(sealer, serializer, AccountSealing.SnapshotPurpose, Key, Load(sealer)));
    }

    private string Key => this.GetPrimaryKeyString();

    private AccountSnapshot Load(Protocol.Crypto.Sealer sealer) =>
        _account ??= state.State.Sealed is { } sealedAccount
            ? AccountSealing.Open<AccountSnapshot>(sealer, serializer, AccountSealing.StatePurpose, Key, sealedAccount)
            : AccountSnapshot.Empty;

    private Protocol.Crypto.Sealer Sealer()
    {
        var nodeId = Key[..Math.Max(0, Key.LastIndexOf('/'))];
        return vaults.Find(nodeId)?.Secrets?.StateSealer
            ?? throw new InvalidOperationException($"The enclave of node {nodeId} does not hold the master seed on this silo, so account state cannot be opened yet.");
    }
}
