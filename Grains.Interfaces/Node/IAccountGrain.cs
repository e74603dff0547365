namespace Obscuro.Grains.Node;

/// <summary>
/// One L2 account as one node's enclave knows it (ARCHITECTURE §7), keyed <c>{nodeId}/{blinded account id}</c> where the
/// blinded id is a keyed hash of the address, so grain ids and storage keys do not tell the host which addresses exist.
/// Holds only L1-confirmed data. Internal to the node's enclave: updated by the enclave grain once a rollup is in an L1
/// block, read by the query workers.
/// <para>
/// Like every enclave-side interface it is safe to reach from an untrusted host silo (grain calls inside a cluster are
/// not authenticated): both directions carry only blobs sealed with the network's state sealing key, bound to the
/// grain key and to their purpose, so a host can neither read an account nor forge an update. The enclave grains
/// themselves call it in-process, since they all live on the node's primary TEE silo.
/// </para>
/// </summary>
[Alias("Obscuro.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Applies an update sealed by the node's enclave grain (purpose <c>AccountGrain.update</c>).</summary>
    [Alias("Apply")]
    Task ApplyAsync(byte[] sealedUpdate);

    /// <summary>The account, sealed for the query workers (purpose <c>AccountGrain.snapshot</c>).</summary>
    [Alias("GetSealedSnapshot")]
    Task<byte[]> GetSealedSnapshotAsync();
}
