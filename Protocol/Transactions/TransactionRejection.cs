namespace Obscuro.Protocol.Transactions;

/// <summary>Why a submitted transaction was refused at admission. Each has its own message for the user.</summary>
public enum TransactionRejection : byte
{
    None = 0,
    NotDecryptable,
    TooLarge,
    Malformed,
    UnsupportedType,
    WrongChainId,
    InvalidSignature,
    ContractCreationNotSupported,
    FeeCapBelowNetworkFee,
    NonceTooLow,
    NonceTooHigh,
    InsufficientFunds,
    AlreadyKnown,
}
