namespace Obscuro.Grains.Node;

/// <summary>
/// Admission of submitted ciphertexts (data flow step 2): a stateless worker on the node's primary TEE silo, so the
/// expensive decryption and signature recovery run in parallel on every core.
/// </summary>
[Alias("Obscuro.IAdmissionGrain")]
public interface IAdmissionGrain : IGrainWithIntegerKey
{
    [Alias("Admit")]
    Task<AdmissionVerdict> AdmitAsync(string nodeId, byte[] ciphertext);
}
