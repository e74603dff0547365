namespace Obscuro.Grains.Tee;

/// <summary>
/// The trusted execution environment of this silo, as enclave grains use it. One instance per silo, ready before
/// the silo joins its cluster.
/// <para>
/// Implementations: <c>none</c> on host silos (every operation refuses), <c>simulated</c> for development (a sealing
/// key in a local file, no protection at all), and later an Azure confidential VM (SEV-SNP or TDX) where
/// <see cref="VerifyAttestationAsync"/> obtains a fresh vTPM quote and has Microsoft Azure Attestation check it, and
/// the sealing key is released by Managed HSM only against that attestation (secure key release) — which is why
/// attestation is asynchronous, while sealing and signing are local once the key is released.
/// </para>
/// </summary>
public interface ITeeEnvironment
{
    TeeKind Kind { get; }

    /// <summary>The enclave key; throws on a silo without a TEE.</summary>
    IEnclaveKey EnclaveKey { get; }

    /// <summary>
    /// Encrypts and authenticates <paramref name="plaintext"/> under this TEE's sealing key, bound to
    /// <paramref name="purpose"/> (for example <c>enclave-key</c>) so that data sealed for one purpose is refused as
    /// another. The output is never the plaintext: a version byte, a fresh random nonce, ciphertext and tag.
    /// </summary>
    byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose);

    /// <summary>
    /// Reverses <see cref="Seal"/>; throws <see cref="System.Security.Cryptography.CryptographicException"/> when the
    /// data was altered, sealed for another purpose, or sealed by another TEE.
    /// </summary>
    byte[] Unseal(ReadOnlySpan<byte> sealedData, string purpose);

    /// <summary>
    /// Re-checks that this silo still runs in the TEE it started in; throws <see cref="TeeAttestationException"/>
    /// otherwise. Enclave grains call it when they activate.
    /// </summary>
    Task VerifyAttestationAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A fresh attestation token (the UTF-8 bytes of a compact JWT) from this TEE's attestation authority — Microsoft
    /// Azure Attestation on a confidential VM, the devnet's simulated authority for the simulated TEE — whose
    /// <c>x-ms-runtime.user-data</c> binds <see cref="EnclaveKey"/> to <paramref name="nonce"/>
    /// (<see cref="Attestation.EnclaveKeyBinding"/>). Other enclaves check it with
    /// <see cref="Attestation.AttestationTokenValidator"/> before they share the seed. A TEE without an authority
    /// (none) throws <see cref="NotSupportedException"/>.
    /// </summary>
    Task<byte[]> GetAttestationTokenAsync(ReadOnlyMemory<byte> nonce, CancellationToken cancellationToken) =>
        Task.FromException<byte[]>(new NotSupportedException($"This silo's TEE ({Kind.ToMetadataValue()}) has no attestation authority, so it cannot produce attestation tokens."));
}
