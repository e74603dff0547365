namespace Obscuro.Silo.Tee.Azure.Tpm;

/// <summary>
/// The operations an Azure CVM's vTPM offers this code: NV reads and writes (the HCL report at 0x01400001, the user
/// data at 0x01400002) and RSA-OAEP decryption with a key that never leaves the vTPM (the transfer key of a secure
/// key release). The production implementation is <see cref="TpmDeviceVtpm"/> over <c>/dev/tpmrm0</c>; tests use a
/// fake, because no vTPM exists outside a CVM.
/// </summary>
public interface IVtpm
{
    /// <summary>Reads the whole NV index (its size from TPM2_NV_ReadPublic), in chunks the TPM accepts.</summary>
    Task<byte[]> ReadNvAsync(uint index, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="data"/> at offset 0, defining the index (owner read/write) if it does not exist.</summary>
    Task WriteNvAsync(uint index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>RSA-OAEP (SHA-256, empty label) decryption with the persistent key at <paramref name="keyHandle"/>.</summary>
    Task<byte[]> RsaDecryptOaepSha256Async(uint keyHandle, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken);
}
