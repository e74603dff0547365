namespace Obscuro.Grains.Node;

/// <summary>
/// Host side, keyed by node id: sends L1 transactions from the node's operator account (rollups, enclave-requested
/// calls), tracks their inclusion and raises fees when they are not included.
/// </summary>
[Alias("Obscuro.IPublisherGrain")]
public interface IPublisherGrain : IGrainWithStringKey
{
    /// <summary>
    /// Gives the publisher the network it publishes to (the coordinator does, before anything else); idempotent.
    /// Settings must not change between calls.
    /// </summary>
    [Alias("Configure")]
    Task ConfigureAsync(NetworkSettings settings);

    /// <summary>
    /// Asks the enclave for its candidate on the current head and publishes it (aggregators only). Waits for L1
    /// inclusion, so it may take several L1 blocks: hence the long response timeout.
    /// </summary>
    [Alias("PublishCandidate")]
    [ResponseTimeout("00:10:00")]
    Task<PublicationReport> PublishCandidateAsync();

    /// <summary>
    /// Publishes a candidate the node's enclave produced, once the round says this node should (waits for inclusion).
    /// At most one rollup per parent from this node.
    /// </summary>
    [Alias("Publish")]
    [ResponseTimeout("00:10:00")]
    Task<PublicationReport> PublishAsync(RollupEnvelope candidate);

    /// <summary>Sends calls the enclave prepared (for example the network initialisation or a secret response).</summary>
    [Alias("SendCalls")]
    [ResponseTimeout("00:10:00")]
    Task SendCallsAsync(IReadOnlyList<L1Call> calls);
}
