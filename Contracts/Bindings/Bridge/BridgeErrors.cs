using Obscuro.Contracts.Abi;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The custom errors of Bridge (its own, and those of Governed, SafeTransfer and the re-entrancy guard),
/// by name, to match a decoded revert with <see cref="ContractErrors.Is(Rpc.ContractRevertException, AbiError)"/>. The
/// arguments are in <see cref="CustomErrorRevert.Arguments"/>, named as in the Solidity declaration.
/// </summary>
public static class BridgeErrors
{
    /// <summary><c>BridgeBreached()</c></summary>
    public static AbiError BridgeBreached { get; } = Get(nameof(BridgeBreached));

    /// <summary><c>EthTransferFailed(address to, uint256 amount)</c></summary>
    public static AbiError EthTransferFailed { get; } = Get(nameof(EthTransferFailed));

    /// <summary><c>InsufficientBridgeFunds(address token, uint256 requested, uint256 held)</c></summary>
    public static AbiError InsufficientBridgeFunds { get; } = Get(nameof(InsufficientBridgeFunds));

    /// <summary><c>InvalidL2Recipient()</c></summary>
    public static AbiError InvalidL2Recipient { get; } = Get(nameof(InvalidL2Recipient));

    /// <summary><c>InvalidParameter(bytes32 name, uint256 value)</c></summary>
    public static AbiError InvalidParameter { get; } = Get(nameof(InvalidParameter));

    /// <summary><c>InvalidRevealOption(uint8 revealOption)</c></summary>
    public static AbiError InvalidRevealOption { get; } = Get(nameof(InvalidRevealOption));

    /// <summary><c>InvalidWithdrawalRecipient(uint256 index)</c></summary>
    public static AbiError InvalidWithdrawalRecipient { get; } = Get(nameof(InvalidWithdrawalRecipient));

    /// <summary><c>NotAContract(address account)</c></summary>
    public static AbiError NotAContract { get; } = Get(nameof(NotAContract));

    /// <summary><c>NotGovernance(address caller)</c></summary>
    public static AbiError NotGovernance { get; } = Get(nameof(NotGovernance));

    /// <summary><c>ReentrantCall()</c></summary>
    public static AbiError ReentrantCall { get; } = Get(nameof(ReentrantCall));

    /// <summary><c>RollupNotCanonical(bytes32 rollupHash)</c></summary>
    public static AbiError RollupNotCanonical { get; } = Get(nameof(RollupNotCanonical));

    /// <summary><c>RollupUnknown(bytes32 rollupHash)</c></summary>
    public static AbiError RollupUnknown { get; } = Get(nameof(RollupUnknown));

    /// <summary><c>TokenBalanceQueryFailed(address token)</c></summary>
    public static AbiError TokenBalanceQueryFailed { get; } = Get(nameof(TokenBalanceQueryFailed));

    /// <summary><c>TokenNotAllowed(address token)</c></summary>
    public static AbiError TokenNotAllowed { get; } = Get(nameof(TokenNotAllowed));

    /// <summary><c>TokenTransferFailed(address token, address to, uint256 amount)</c></summary>
    public static AbiError TokenTransferFailed { get; } = Get(nameof(TokenTransferFailed));

    /// <summary><c>TokenTransferFromFailed(address token, address from, uint256 amount)</c></summary>
    public static AbiError TokenTransferFromFailed { get; } = Get(nameof(TokenTransferFromFailed));

    /// <summary><c>UnexpectedBalanceChange(address token, uint256 expected, uint256 received)</c></summary>
    public static AbiError UnexpectedBalanceChange { get; } = Get(nameof(UnexpectedBalanceChange));

    /// <summary><c>WithdrawalAlreadyPaid(bytes32 rollupHash, uint256 index)</c></summary>
    public static AbiError WithdrawalAlreadyPaid { get; } = Get(nameof(WithdrawalAlreadyPaid));

    /// <summary><c>WithdrawalIndexOutOfRange(uint256 index, uint256 count)</c></summary>
    public static AbiError WithdrawalIndexOutOfRange { get; } = Get(nameof(WithdrawalIndexOutOfRange));

    /// <summary><c>WithdrawalListMismatch(bytes32 rollupHash, bytes32 expected, bytes32 actual)</c></summary>
    public static AbiError WithdrawalListMismatch { get; } = Get(nameof(WithdrawalListMismatch));

    /// <summary><c>WithdrawalNotYetPayable(uint256 payableAtBlock)</c></summary>
    public static AbiError WithdrawalNotYetPayable { get; } = Get(nameof(WithdrawalNotYetPayable));

    /// <summary><c>WithdrawalsLocked(uint256 forkSince)</c></summary>
    public static AbiError WithdrawalsLocked { get; } = Get(nameof(WithdrawalsLocked));

    /// <summary><c>ZeroAmount()</c></summary>
    public static AbiError ZeroAmount { get; } = Get(nameof(ZeroAmount));

    private static AbiError Get(string name) => BridgeContract.Abi.GetError(name);
}
