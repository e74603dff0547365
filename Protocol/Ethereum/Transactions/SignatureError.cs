namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>Why no signer could be recovered from a transaction or an EIP-7702 authorization.</summary>
public enum SignatureError
{
    None = 0,

    /// <summary>The transaction carries no signature.</summary>
    MissingSignature,

    /// <summary>v (or y parity) is not a value the transaction type allows.</summary>
    InvalidV,

    /// <summary>A legacy transaction's v encodes a different chain id (or none) than the transaction states.</summary>
    ChainIdMismatch,

    /// <summary>The transaction is for a different chain than the caller expects.</summary>
    WrongChainId,

    /// <summary>A pre-EIP-155 legacy transaction, which names no chain and can be replayed on any, was given where a chain is expected.</summary>
    NotReplayProtected,

    /// <summary>r is zero or not below the curve order.</summary>
    InvalidR,

    /// <summary>s is zero or not below the curve order.</summary>
    InvalidS,

    /// <summary>s is above n/2; EIP-2 allows only the low form so a signature has one encoding.</summary>
    HighS,

    /// <summary>r, s and the recovery id are in range but do not recover a public key.</summary>
    NotRecoverable,
}
