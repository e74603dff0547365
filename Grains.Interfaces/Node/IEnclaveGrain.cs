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
