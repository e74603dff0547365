namespace Obscuro.Grains.Node;

/// <summary>
/// The node's public API through the Orleans gateway (keyed by node id). Safe to expose: submissions are encrypted to
/// the network key and signed by their senders; queries are encrypted and signed by a viewing key, and answers are
/// encrypted to that key and signed by the enclave; reveal releases are public once their interval has ended on L1 and
/// signed by the enclave, and before that only a refusal comes back.
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

    /// <summary>
    /// The key and group positions of one reveal interval (spec "Symmetric key revealing"), once the interval has ended
    /// on L1; a refusal with the reason before. Needs no wallet: the release is for everyone.
    /// </summary>
    [Alias("Reveal")]
    Task<RevealReply> RevealAsync(Protocol.Crypto.RevealOption revealOption, ulong interval);

    /// <summary>
    /// The node's record of a published rollup (parent, generation, L1 inclusion and the enclave's standing), or null if
    /// the node has not seen it. Public data: anyone can read the rollup from L1; what this adds is the node's own verdict,
    /// which lets a user or an auditor check that a verifier agrees with the aggregators rollup by rollup.
    /// </summary>
    [Alias("GetRollup")]
    Task<RollupRecord?> GetRollupAsync(Protocol.Ethereum.Hash256 rollupHash);

    /// <summary>The POBI round of one generation as this node saw it (public data: nonces, hashes, L1 blocks, reward classes).</summary>
    [Alias("GetRound")]
    Task<RoundView> GetRoundAsync(ulong generation);
}
