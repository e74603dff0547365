namespace Obscuro.Grains.Node;

/// <summary>
/// One L2 account as one node's enclave knows it (ARCHITECTURE §7), keyed <c>{nodeId}/{blinded account id}</c> where the
/// blinded id is a keyed hash of the address (see the enclave's vault), so grain ids and storage keys do not tell the
/// host which addresses exist. Holds only L1-confirmed data, sealed before it reaches storage. Internal to the node's
/// enclave: updated by the enclave grain once a rollup is in an L1 block, read by the query workers; plaintext crosses
/// no network because every enclave grain of a node lives on its primary TEE silo.
/// </summary>
[Alias("Obscuro.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("Apply")]
    Task ApplyAsync(AccountUpdate update);

    [Alias("GetSnapshot")]
    Task<AccountSnapshot> GetSnapshotAsync();
}
