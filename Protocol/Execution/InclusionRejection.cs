namespace Obscuro.Protocol.Execution;

/// <summary>Why a transaction cannot be put into a rollup at all (it stays out; nothing is charged).</summary>
public enum InclusionRejection : byte
{
    None = 0,
    NonceTooLow,
    NonceTooHigh,
    InsufficientFundsForValueAndFee,
}
