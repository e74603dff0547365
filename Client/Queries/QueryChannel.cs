using Obscuro.Client.Errors;
using Obscuro.Client.Keys;
using Obscuro.Client.L1;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Queries;

namespace Obscuro.Client.Queries;

/// <summary>
/// Sends an account's signed queries and opens the answers: the request is signed by the viewing key (granted by the
/// account key) and encrypted to the network key read from L1; the answer is decrypted with the viewing key and passes
/// <see cref="AnswerVerifier"/> before its payload is returned.
/// </summary>
internal sealed class QueryChannel
{
    private readonly Func<byte[], CancellationToken, Task<QueryReply>> _send;
    private readonly L1Network _l1;
    private readonly AnswerVerifier _verifier;
    private readonly ulong _chainId;
    private readonly IRandomSource _random;

    public QueryChannel(Func<byte[], CancellationToken, Task<QueryReply>> send, L1Network l1, ulong l2ChainId, IRandomSource random)
    {
        _send = send;
        _l1 = l1;
        _verifier = new AnswerVerifier(l1);
        _chainId = l2ChainId;
        _random = random;
    }

    public async Task<VerifiedAnswer<byte[]>> AskAsync(UnlockedAccount account, QueryKind kind, byte[] argument, CancellationToken cancellationToken)
    {
        var request = CreateRequest(account, kind, argument);
        var networkKey = await _l1.GetNetworkPublicKeyAsync(cancellationToken).ConfigureAwait(false);
        var reply = await _send(QueryEnvelope.EncryptRequest(request, networkKey, _random), cancellationToken).ConfigureAwait(false);
        return await OpenAsync(reply, request, account, cancellationToken).ConfigureAwait(false);
    }

    public QueryRequest CreateRequest(UnlockedAccount account, QueryKind kind, byte[] argument)
    {
        var grant = account.GrantFor(_chainId);
        return account.UseViewingKey(key => QueryRequest.Create(_chainId, kind, account.Address, argument, grant, key, _random));
    }

    /// <summary>Opens and verifies a node's reply to <paramref name="request"/>; throws unless every check passes.</summary>
    public async Task<VerifiedAnswer<byte[]>> OpenAsync(QueryReply reply, QueryRequest request, UnlockedAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.EncryptedResponse is not { } ciphertext)
        {
            var reason = (QueryRejection)reply.Rejection;
            throw new QueryRefusedException(reason, $"The node refused the query ({reason}): {reply.Message}", HintFor(reason));
        }

        QueryResponse response;
        try
        {
            response = QueryEnvelope.DecryptResponse(ciphertext, account.ViewingKey, request.RequestId);
        }
        catch (QueryRejectedException e)
        {
            var failure = e.Reason == QueryRejection.NotDecryptable ? VerificationFailure.NotDecryptable : VerificationFailure.MalformedPayload;
            throw new AnswerVerificationException(failure, "The node's answer does not open as an answer to this request: " + e.Message, e);
        }

        await _verifier.VerifyAsync(response, request.RequestId, cancellationToken).ConfigureAwait(false);
        if (!response.Ok)
        {
            throw new QueryRefusedException(QueryRejection.None, $"The enclave could not answer: {response.Error}", "Check the question (a transaction hash of your own account, an allow-listed token).");
        }

        return new VerifiedAnswer<byte[]>(response.Payload, response.BasedOn, response.Enclave);
    }

    private static string HintFor(QueryRejection reason) => reason switch
    {
        QueryRejection.NotDecryptable or QueryRejection.WrongChain =>
            "The node serves another network than the deployment file describes: check --deployment and --node.",
        QueryRejection.UnsupportedKind => "The node is older than this client: ask its operator to upgrade, or use another node.",
        _ => "This client built a query the node could not check; report it with the client's version.",
    };
}
