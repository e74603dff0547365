using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Errors;

/// <summary>
/// The L2 transaction was included in a rollup on L1 but failed (as on Ethereum, it still paid its fee and used its
/// nonce). <see cref="FailureReason"/> is the enclave's verified reason.
/// </summary>
public sealed class TransactionFailedException : ObscuroClientException
{
    public TransactionFailedException()
        : base(ClientErrorKind.Rejected, "The transaction failed.", string.Empty)
    {
    }

    public TransactionFailedException(string message)
        : base(ClientErrorKind.Rejected, message, string.Empty)
    {
    }

    public TransactionFailedException(string message, Exception innerException)
        : base(ClientErrorKind.Rejected, message, string.Empty, innerException)
    {
    }

    public TransactionFailedException(Hash256 transactionHash, string failureReason)
        : base(ClientErrorKind.Rejected, $"Transaction {transactionHash} was included but failed: {failureReason}.", "Its fee was charged; check balances and send a corrected transaction.")
    {
        TransactionHash = transactionHash;
        FailureReason = failureReason;
    }

    public Hash256 TransactionHash { get; }

    public string FailureReason { get; } = string.Empty;
}
