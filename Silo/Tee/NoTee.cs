using Obscuro.Grains.Tee;

namespace Obscuro.Silo.Tee;

/// <summary>
/// The TEE of a host silo: there is none, and every operation says so. Registered so that an enclave grain that
/// somehow activated on a host silo fails its attestation check instead of running.
/// </summary>
internal sealed class NoTee : ITeeEnvironment
{
    private const string Message = "This silo has no TEE (tee=none): enclave keys, sealing and attestation exist only on enclave silos.";

    public TeeKind Kind => TeeKind.None;

    public IEnclaveKey EnclaveKey => throw new TeeAttestationException(Message);

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose) => throw new TeeAttestationException(Message);

    public byte[] Unseal(ReadOnlySpan<byte> sealedData, string purpose) => throw new TeeAttestationException(Message);

    public Task VerifyAttestationAsync(CancellationToken cancellationToken) => Task.FromException(new TeeAttestationException(Message));
}
