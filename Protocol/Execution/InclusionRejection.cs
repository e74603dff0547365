namespace Obscuro.Protocol.Execution;

/// <summary>Why a transaction cannot be put into a rollup at all (it stays out; nothing is charged).</summary>
public enum InclusionRejection : byte
{
    None = 0,
    NonceTooLow,
    NonceTooHigh,
    InsufficientFundsForValueAndFee,

    /// <summary>The signer's fee cap is below the rollup's fee (governance raised it after admission).</summary>
    FeeCapBelowFee,
}
