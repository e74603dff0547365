namespace Obscuro.Grains.Node;

/// <summary>
/// Host side, keyed by node id: sends L1 transactions from the node's operator account (rollups, enclave-requested
/// calls), tracks their inclusion and raises fees when they are not included.
/// </summary>
[Alias("Obscuro.IPublisherGrain")]
public interface IPublisherGrain : IGrainWithStringKey
{
    /// <summary>Asks the enclave for its candidate on the current head and publishes it (aggregators only).</summary>
    [Alias("PublishCandidate")]
    Task<PublicationReport> PublishCandidateAsync();

    /// <summary>Sends calls the enclave prepared (for example the network initialisation or a secret response).</summary>
    [Alias("SendCalls")]
    Task SendCallsAsync(IReadOnlyList<L1Call> calls);
}
