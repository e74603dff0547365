namespace Obscuro.Grains.Enclave.Provisioning;

/// <summary>
/// Decides whether a provisioned enclave hands the master seed to an enclave that registered on L1, by validating the
/// requester's attestation token (read from a verified L1 block) against the L1 allow-lists. The same rule tells a
/// requester, about its own registration, what every responder will decide, so its operator sees why it waits.
/// </summary>
public interface ISecretRequestValidator
{
    /// <summary>The verdict known now; starts a check when none is under way. Never blocks (the L1 ingest path calls it).</summary>
    SecretRequestVerdict Check(NodeRegistration requester, SecretRequestContext context);

    /// <summary>Starts the checks of <paramref name="requesters"/> and waits for them, at most <paramref name="wait"/>.</summary>
    Task SettleAsync(IEnumerable<NodeRegistration> requesters, SecretRequestContext context, TimeSpan wait);
}
