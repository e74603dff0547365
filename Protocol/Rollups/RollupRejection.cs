namespace Obscuro.Protocol.Rollups;

/// <summary>Why a received rollup is not valid. Validation recomputes everything; the first mismatch is reported.</summary>
public enum RollupRejection : byte
{
    None = 0,
    BadSignature,
    WrongParent,
    WrongGeneration,
    WrongInclusionProof,
    WrongDependency,
    BlobHashMismatch,
    InvalidBody,
    InvalidTransaction,
    TransactionNotIncludable,
    WrongOption,
    WithdrawalsMismatch,
    RewardsMismatch,
    StateCommitmentMismatch,
}
