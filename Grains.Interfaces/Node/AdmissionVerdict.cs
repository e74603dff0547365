using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// The enclave's decision on a submitted ciphertext. <see cref="Reason"/> is the Protocol's
/// <c>TransactionRejection</c> value; <see cref="Message"/> is for the submitter and names no secret.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.AdmissionVerdict")]
public sealed record AdmissionVerdict(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] byte Reason,
    [property: Id(2)] string Message,
    [property: Id(3)] SealedTransaction? Transaction);
