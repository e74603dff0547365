namespace Obscuro.Grains.Enclave.Provisioning;

/// <summary>
/// Decides whether a provisioned enclave hands the master seed to an enclave that registered on L1. This is where the
/// requester's attestation token will be checked (issue 6); the registration it gets was read from a verified L1 block.
/// </summary>
public interface ISecretRequestValidator
{
    /// <summary>True to respond with the seed; false with <paramref name="reason"/> (public words, logged) to withhold it.</summary>
    bool ShouldRespond(NodeRegistration requester, out string reason);
}
