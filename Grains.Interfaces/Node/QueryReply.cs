namespace Obscuro.Grains.Node;

/// <summary>
/// The answer to an encrypted query: the response encrypted to the viewing key, or, when the request could not even be
/// decrypted and verified (so there is nobody to encrypt to), the Protocol's <c>QueryRejection</c> value and a message.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.QueryReply")]
public sealed record QueryReply(
    [property: Id(0)] byte[]? EncryptedResponse,
    [property: Id(1)] byte Rejection,
    [property: Id(2)] string Message);
