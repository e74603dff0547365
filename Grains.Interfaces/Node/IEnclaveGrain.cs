using Obscuro.Protocol.Ethereum;
using Orleans.Concurrency;

namespace Obscuro.Grains.Node;

/// <summary>
/// A node's enclave (ARCHITECTURE §7), keyed by node id; runs only on the node's primary TEE silo. Holds the master
/// seed and the ledger; everything it returns is public or signed. Internal to the node: not callable by clients.
/// </summary>
[Alias("Obscuro.IEnclaveGrain")]
public interface IEnclaveGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts (or resumes) the enclave for a network: runs the start-up delay once per activation, restores sealed
    /// state, and replays L1 up to the last ingested block. Idempotent; settings must not change between calls.
    /// </summary>
    [Alias("Start")]
    Task<EnclaveStatus> StartAsync(NetworkSettings settings);

    /// <summary>
    /// Ingests the next L1 block (fetched from the node's block source and verified here). Idempotent by hash; a block
    /// whose parent is an earlier ingested block switches forks.
    /// </summary>
    [Alias("Ingest")]
    Task<IngestOutcome> IngestAsync(L1BlockNotice block);

    /// <summary>The enclave's one candidate on the current head, built from the given pending transactions.</summary>
    [Alias("ProduceCandidate")]
    Task<CandidateResult> ProduceCandidateAsync(IReadOnlyList<SealedTransaction> pending);

    /// <summary>
    /// The enclave's one candidate on the current head, for a host whose pending list was read after it had removed
    /// the transactions of rollup <paramref name="pendingAsOf"/> (and of its ancestors): a new candidate is built only
    /// if that rollup is still the head. If the head has moved on, the list predates it and still holds the new head's
    /// transactions; built from it, the candidate would spend its slice on transactions it must then skip, and it is
    /// the only candidate this parent ever gets. So the answer is "not ready" (nothing recorded, no nonce drawn), and
    /// the host asks again once its mempool has caught up. A candidate the enclave already holds for its head is
    /// returned whatever <paramref name="pendingAsOf"/> says: its content no longer depends on the list.
    /// </summary>
    [Alias("ProduceCandidateAsOf")]
    Task<CandidateResult> ProduceCandidateOnAsync(Hash256 pendingAsOf, IReadOnlyList<SealedTransaction> pending);

    /// <summary>
    /// The nodes NetworkManagement registered, from this enclave's verified L1 view (public data): the host's source of
    /// gossip peers and of who may send it gossip. Interleaves like the status.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetPeers")]
    Task<IReadOnlyList<PeerInfo>> GetPeersAsync();

    /// <summary>
    /// Public facts about the enclave. Answers even while a start, a replay or an ingest is under way (it interleaves), so
    /// an operator's status view never waits behind the start-up delay.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<EnclaveStatus> GetStatusAsync();
}
