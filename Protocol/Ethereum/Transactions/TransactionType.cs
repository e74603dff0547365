namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>The EIP-2718 type byte. Legacy transactions have no envelope; 0 is their type in receipts and JSON-RPC.</summary>
public enum TransactionType
{
    Legacy = 0,

    /// <summary>EIP-2930: a gas price plus an access list.</summary>
    AccessList = 1,

    /// <summary>EIP-1559: priority fee and fee cap instead of a gas price.</summary>
    DynamicFee = 2,

    /// <summary>EIP-4844: carries blob versioned hashes (the blobs themselves travel beside it).</summary>
    Blob = 3,

    /// <summary>EIP-7702: sets code on externally owned accounts through signed authorizations.</summary>
    SetCode = 4,
}
