using Obscuro.Protocol.Reveal;

namespace Obscuro.Client.Errors;

/// <summary>
/// A reveal key or its positions do not open the interval's groups in the rollups on L1 (<see cref="Failure"/> says
/// which: <see cref="RevealFailure.Key"/> is <see cref="ClientErrorKind.RevealKeyWrong"/>, the others
/// <see cref="ClientErrorKind.RevealPositionsWrong"/>). The message names rollups, never transactions.
/// </summary>
public sealed class RevealVerificationFailedException : ObscuroClientException
{
    private const string DefaultHint = "Do not rely on this key or these positions: ask another node with 'obscuro reveal --node', and report the source.";

    public RevealVerificationFailedException()
        : base(ClientErrorKind.RevealPositionsWrong, "The reveal failed verification.", DefaultHint)
    {
    }

    public RevealVerificationFailedException(string message)
        : base(ClientErrorKind.RevealPositionsWrong, message, DefaultHint)
    {
    }

    public RevealVerificationFailedException(string message, Exception innerException)
        : base(ClientErrorKind.RevealPositionsWrong, message, DefaultHint, innerException)
    {
    }

    public RevealVerificationFailedException(RevealFailure failure, string message, Exception? innerException = null)
        : base(failure == RevealFailure.Key ? ClientErrorKind.RevealKeyWrong : ClientErrorKind.RevealPositionsWrong, message, DefaultHint, innerException)
    {
        Failure = failure;
    }

    public RevealFailure Failure { get; }
}
