namespace Obscuro.Grains.Node;

/// <summary>
/// The node's public API through the Orleans gateway (keyed by node id). Safe to expose: submissions are encrypted to
/// the network key and signed by their senders; queries are encrypted and signed by a viewing key, and answers are
/// encrypted to that key and signed by the enclave.
/// </summary>
[PublicApi]
[Alias("Obscuro.INodeApiGrain")]
public interface INodeApiGrain : IGrainWithStringKey
{
    [Alias("SubmitTransaction")]
    Task<SubmissionResult> SubmitTransactionAsync(byte[] ciphertext);

    [Alias("Query")]
    Task<QueryReply> QueryAsync(byte[] encryptedRequest);

    [Alias("GetStatus")]
    Task<NodeStatus> GetStatusAsync();

    /// <summary>The POBI round of one generation as this node saw it (public data: nonces, hashes, L1 blocks, reward classes).</summary>
    [Alias("GetRound")]
    Task<RoundView> GetRoundAsync(ulong generation);
}
