using global::Azure.Core;

namespace Obscuro.Azure.Tests.Fakes;

/// <summary>An Entra credential stand-in: records the scopes asked for and returns a fixed bearer token.</summary>
internal sealed class StaticTokenCredential : TokenCredential
{
    public const string Token = "test-bearer-token";

    public List<string> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.AddRange(requestContext.Scopes);
        }

        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
