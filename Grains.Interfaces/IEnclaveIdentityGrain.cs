namespace Obscuro.Grains;

/// <summary>
/// The enclave identity of one node, keyed by node id. It runs only on silos with a TEE. Public because its output is
/// public data or signed by the enclave key: a wallet or another node uses it to learn the node's enclave address and
/// to check that the enclave holding that key is live.
/// </summary>
[PublicApi]
[Alias("Obscuro.IEnclaveIdentityGrain")]
public interface IEnclaveIdentityGrain : IGrainWithStringKey
{
    [Alias("GetIdentity")]
    Task<EnclaveIdentity> GetIdentityAsync();

    /// <summary>
    /// Signs <see cref="EnclaveChallenge.Digest"/> of the node id and a 32-byte challenge chosen by the caller (never
    /// the challenge itself, so the enclave key cannot be made to sign a rollup header or any other enclave message).
    /// </summary>
    [Alias("SignChallenge")]
    Task<SignedChallenge> SignChallengeAsync(byte[] challenge);
}
