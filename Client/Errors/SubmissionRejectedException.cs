using Obscuro.Protocol.Transactions;

namespace Obscuro.Client.Errors;

/// <summary>The node refused a submitted transaction at admission, for the Protocol's <see cref="Reason"/>.</summary>
public sealed class SubmissionRejectedException : ObscuroClientException
{
    public SubmissionRejectedException()
        : base(ClientErrorKind.Rejected, "The node refused the transaction.", string.Empty)
    {
    }

    public SubmissionRejectedException(string message)
        : base(ClientErrorKind.Rejected, message, string.Empty)
    {
    }

    public SubmissionRejectedException(string message, Exception innerException)
        : base(ClientErrorKind.Rejected, message, string.Empty, innerException)
    {
    }

    public SubmissionRejectedException(TransactionRejection reason, string message, string hint)
        : base(ClientErrorKind.Rejected, message, hint)
    {
        Reason = reason;
    }

    public TransactionRejection Reason { get; }
}
