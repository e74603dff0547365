using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// Bytes that are not the canonical encoding of a transaction. When the cause is malformed RLP the inner exception is
/// the <see cref="RlpException"/> and the message also names the field being read.
/// </summary>
public sealed class TransactionFormatException : FormatException
{
    public TransactionFormatException(string message) : base(message) { }

    public TransactionFormatException(string message, Exception innerException) : base(message, innerException) { }

    public TransactionFormatException() : base("Invalid transaction encoding.") { }

    internal static TransactionFormatException InField(TransactionType type, string field, RlpException inner) =>
        new($"{Describe(type)}, reading {field}: {inner.Message}", inner);

    internal static string Describe(TransactionType type) => type switch
    {
        TransactionType.Legacy => "Legacy transaction",
        TransactionType.AccessList => "EIP-2930 transaction (type 1; RLP offsets count from after the type byte)",
        TransactionType.DynamicFee => "EIP-1559 transaction (type 2; RLP offsets count from after the type byte)",
        TransactionType.Blob => "EIP-4844 transaction (type 3; RLP offsets count from after the type byte)",
        TransactionType.SetCode => "EIP-7702 transaction (type 4; RLP offsets count from after the type byte)",
        _ => $"Transaction of type {(int)type}",
    };
}
