using Obscuro.Client.Errors;
using Obscuro.Client.L1;
using Obscuro.Protocol.Queries;

namespace Obscuro.Client.Queries;

/// <summary>
/// The checks every answer passes before anything of it is shown (spec, "Transaction Submission": first the TEE
/// signature, then the rollup on the canonical chain): it answers this request; its signature recovers to the enclave
/// address it names; that enclave is provisioned on L1 with an accepted measurement and authority; and the rollup it is
/// based on is published on L1 in the stated block, which is on the current L1 chain.
/// </summary>
public sealed class AnswerVerifier
{
    private readonly L1Network _l1;

    public AnswerVerifier(L1Network l1)
    {
        ArgumentNullException.ThrowIfNull(l1);
        _l1 = l1;
    }

    /// <summary>Returns normally only when every check passes; otherwise <see cref="AnswerVerificationException"/>.</summary>
    public async Task VerifyAsync(QueryResponse response, byte[] requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(requestId);
        if (!response.RequestId.AsSpan().SequenceEqual(requestId))
        {
            throw new AnswerVerificationException(VerificationFailure.WrongRequest, "The answer is for another request than the one sent.");
        }

        if (!response.IsSignedByEnclave())
        {
            throw new AnswerVerificationException(VerificationFailure.BadSignature, $"The answer's signature does not recover to the enclave it names ({response.Enclave.ToChecksumString()}).");
        }

        if (await _l1.CheckEnclaveAsync(response.Enclave, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            throw new AnswerVerificationException(VerificationFailure.UnregisteredEnclave, $"The answer is signed by enclave {response.Enclave.ToChecksumString()}, which {problem}.");
        }

        await _l1.CheckAnchorAsync(response.BasedOn, cancellationToken).ConfigureAwait(false);
    }
}
