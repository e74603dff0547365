namespace Obscuro.Contracts.Bindings;

/// <summary>Why <c>finalizeWithdrawals</c> skipped an entry (it stays payable later); Bridge.sol <c>SkipReason</c>.</summary>
public enum SkipReason : byte
{
    /// <summary>The bridge holds less of the token than the entry asks.</summary>
    InsufficientFunds = 0,

    /// <summary>The recipient is the zero address.</summary>
    InvalidRecipient = 1,

    /// <summary>The recipient (ETH) or the token failed within the gas the batch gives each entry.</summary>
    TransferFailed = 2,
}
