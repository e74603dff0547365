namespace Obscuro.Grains.Enclave.Provisioning;

/// <summary>What a provisioned enclave does about one registered enclave's request for the seed.</summary>
public enum SecretRequestDecision
{
    /// <summary>No verdict yet (the check is under way, or the authority's keys could not be fetched): ask again later.</summary>
    Undecided,

    /// <summary>The attestation passed every check: respond with the seed encrypted to the registered key.</summary>
    Respond,

    /// <summary>The attestation failed a check: the requester gets no seed from this enclave.</summary>
    Refuse,
}

/// <summary>A decision and its reason in public words (claim names, issuers, measurement ids; never key material).</summary>
public sealed record SecretRequestVerdict(SecretRequestDecision Decision, string Reason)
{
    public static SecretRequestVerdict Respond { get; } = new(SecretRequestDecision.Respond, "the attestation token passed every check");

    public static SecretRequestVerdict Refuse(string reason) => new(SecretRequestDecision.Refuse, reason);

    public static SecretRequestVerdict Undecided(string reason) => new(SecretRequestDecision.Undecided, reason);

    public override string ToString() => Decision switch
    {
        SecretRequestDecision.Respond => "accepted",
        SecretRequestDecision.Refuse => "refused: " + Reason,
        _ => "undecided: " + Reason,
    };
}
