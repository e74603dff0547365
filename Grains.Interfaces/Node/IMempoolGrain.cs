using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// Host side, keyed by node id: admits submissions through the enclave's admission workers and keeps the admitted
/// ones (sealed) until they are in an L1-included canonical rollup. Persistent, so a restart loses nothing accepted.
/// </summary>
[Alias("Obscuro.IMempoolGrain")]
public interface IMempoolGrain : IGrainWithStringKey
{
    [Alias("Submit")]
    Task<SubmissionResult> SubmitAsync(byte[] ciphertext);

    [Alias("GetPending")]
    Task<IReadOnlyList<SealedTransaction>> GetPendingAsync(int max);

    [Alias("Remove")]
    Task RemoveAsync(IReadOnlyList<Hash256> transactionHashes);

    /// <summary>
    /// Takes back transactions it had admitted whose rollup an L1 reorg removed (the enclave hands them over sealed, in
    /// chain order): they go before everything pending, skipping any still pending, whatever the capacity, since they
    /// were accepted once. Not counted as admitted again.
    /// </summary>
    [Alias("Restore")]
    Task RestoreAsync(IReadOnlyList<SealedTransaction> transactions);

    [Alias("Count")]
    Task<int> CountAsync();

    /// <summary>How many submissions this mempool has admitted since the node began (for <see cref="NodeStatus"/>).</summary>
    [Alias("GetAdmittedCount")]
    Task<long> GetAdmittedCountAsync();
}
