namespace Obscuro.Client.Errors;

/// <summary>
/// An answer from a node failed verification (<see cref="Reason"/>); nothing of it may be shown. The message names the
/// failed check and public facts only (an enclave address, a rollup hash), never the answer's content.
/// </summary>
public sealed class AnswerVerificationException : ObscuroClientException
{
    private const string DefaultHint = "Do not trust this node: connect to another node with --node, and report the node's operator.";

    public AnswerVerificationException()
        : base(ClientErrorKind.VerificationFailed, "The answer failed verification.", DefaultHint)
    {
    }

    public AnswerVerificationException(string message)
        : base(ClientErrorKind.VerificationFailed, message, DefaultHint)
    {
    }

    public AnswerVerificationException(string message, Exception innerException)
        : base(ClientErrorKind.VerificationFailed, message, DefaultHint, innerException)
    {
    }

    public AnswerVerificationException(VerificationFailure reason, string message, Exception? innerException = null)
        : base(ClientErrorKind.VerificationFailed, message, DefaultHint, innerException)
    {
        Reason = reason;
    }

    public VerificationFailure Reason { get; }
}
