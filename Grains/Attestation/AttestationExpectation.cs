namespace Obscuro.Grains.Attestation;

/// <summary>What the caller knows independently of the token: the key it must bind, the nonce, the allowed measurements.</summary>
public sealed class AttestationExpectation
{
    public AttestationExpectation(ReadOnlyMemory<byte> enclavePublicKey, ReadOnlyMemory<byte> nonce, MeasurementAllowList measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        // Computing the binding validates both lengths now rather than halfway through a validation.
        ExpectedUserData = EnclaveKeyBinding.UserData(enclavePublicKey.Span, nonce.Span);
        EnclavePublicKey = enclavePublicKey;
        Nonce = nonce;
        Measurements = measurements;
    }

    /// <summary>The 64-byte enclave public key the token must vouch for.</summary>
    public ReadOnlyMemory<byte> EnclavePublicKey { get; }

    public ReadOnlyMemory<byte> Nonce { get; }

    public MeasurementAllowList Measurements { get; }

    /// <summary>
    /// The instant to judge the token's lifetime at; null means now. An enclave replaying L1 history passes the time of
    /// the L1 block that carried the registration, so every enclave reaches the same verdict about the same token.
    /// </summary>
    public DateTimeOffset? ValidationTime { get; init; }

    internal byte[] ExpectedUserData { get; }
}
