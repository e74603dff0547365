namespace Obscuro.Protocol.Transactions;

/// <summary>A transaction failed admission; <see cref="Reason"/> is machine-readable, the message is for people.</summary>
public sealed class TransactionRejectedException : Exception
{
    public TransactionRejectedException(TransactionRejection reason, string message) : base(message) => Reason = reason;

    public TransactionRejectedException() : base("Transaction rejected.") { }

    public TransactionRejectedException(string message) : base(message) { }

    public TransactionRejectedException(string message, Exception innerException) : base(message, innerException) { }

    public TransactionRejection Reason { get; }
}
