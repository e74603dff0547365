namespace Obscuro.Contracts.Bindings;

/// <summary>Whether the withdrawals of a rollup can be paid now (FORMATS.md, "Withdrawal finality"); L1Types.sol <c>WithdrawalState</c>.</summary>
public enum WithdrawalState : byte
{
    /// <summary>No such rollup.</summary>
    Unknown = 0,

    /// <summary>Not an ancestor-or-self of every reference head: on a losing or excluded fork, or on one side of a live fork.</summary>
    NotCanonical = 1,

    /// <summary>Two competing heads coexisted longer than the fork lock period (or, as the bridge reports it, a breach is declared).</summary>
    Locked = 2,

    /// <summary>Canonical, but the wait has not elapsed yet.</summary>
    Waiting = 3,

    Payable = 4,
}
