namespace Obscuro.Grains.Enclave.Provisioning;

/// <summary>
/// Today's rule: respond to every registration NetworkManagement accepted. The contract already required an accepted
/// measurement and attestation authority and the enclave key's signature over them, so this trusts the contract's
/// gatekeeping until the attestation token itself can be verified here (issue 6 replaces this class).
/// </summary>
public sealed class ContractAcceptedSecretRequests : ISecretRequestValidator
{
    public bool ShouldRespond(NodeRegistration requester, out string reason)
    {
        ArgumentNullException.ThrowIfNull(requester);
        reason = string.Empty;
        return true;
    }
}
