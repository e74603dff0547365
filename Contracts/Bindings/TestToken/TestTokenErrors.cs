using Obscuro.Contracts.Abi;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The custom errors of TestToken,
/// by name, to match a decoded revert with <see cref="ContractErrors.Is(Rpc.ContractRevertException, AbiError)"/>. The
/// arguments are in <see cref="CustomErrorRevert.Arguments"/>, named as in the Solidity declaration.
/// </summary>
public static class TestTokenErrors
{
    /// <summary><c>InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)</c></summary>
    public static AbiError InsufficientAllowance { get; } = Get(nameof(InsufficientAllowance));

    /// <summary><c>InsufficientBalance(address account, uint256 balance, uint256 needed)</c></summary>
    public static AbiError InsufficientBalance { get; } = Get(nameof(InsufficientBalance));

    /// <summary><c>InvalidFee(uint256 basisPoints)</c></summary>
    public static AbiError InvalidFee { get; } = Get(nameof(InvalidFee));

    private static AbiError Get(string name) => TestTokenContract.Abi.GetError(name);
}
