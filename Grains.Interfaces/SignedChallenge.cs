namespace Obscuro.Grains;

/// <summary>An enclave's answer to a challenge: verify it by recovering <see cref="Signature"/> over
/// <see cref="EnclaveChallenge.Digest"/>(node id, <see cref="Challenge"/>) to <see cref="EnclaveIdentity.Address"/>.</summary>
/// <param name="Identity">The identity whose key signed.</param>
/// <param name="Challenge">The caller's 32 bytes, echoed.</param>
/// <param name="Signature">65 bytes r ‖ s ‖ v (v ∈ {0, 1}, low s).</param>
[GenerateSerializer]
[Alias("Obscuro.SignedChallenge")]
public sealed record SignedChallenge(
    [property: Id(0)] EnclaveIdentity Identity,
    [property: Id(1)] byte[] Challenge,
    [property: Id(2)] byte[] Signature);
