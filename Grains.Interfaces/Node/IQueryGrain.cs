namespace Obscuro.Grains.Node;

/// <summary>
/// Answers encrypted, signed account queries: a stateless worker on the primary TEE silo that decrypts and checks the
/// request, asks the account's grain, and returns the answer signed by the enclave and encrypted to the viewing key.
/// </summary>
[Alias("Obscuro.IQueryGrain")]
public interface IQueryGrain : IGrainWithIntegerKey
{
    [Alias("Answer")]
    Task<QueryReply> AnswerAsync(string nodeId, byte[] encryptedRequest);
}
