using System.Diagnostics.CodeAnalysis;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Contracts.Bindings;

/// <summary>Matching reverts against the custom errors of the bindings (<c>…Errors</c> classes).</summary>
public static class ContractErrors
{
    /// <summary>The custom error the revert carries, or null for <c>Error(string)</c>, a panic or unrecognised data.</summary>
    public static CustomErrorRevert? CustomError(this ContractRevertException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Reason as CustomErrorRevert;
    }

    /// <summary>True when the revert is <paramref name="error"/> (same selector); the decoded arguments come out.</summary>
    public static bool Is(this ContractRevertException exception, AbiError error, [NotNullWhen(true)] out AbiTuple? arguments)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Reason.Is(error, out arguments);
    }

    public static bool Is(this ContractRevertException exception, AbiError error) => exception.Is(error, out _);

    /// <summary>True when the reason is <paramref name="error"/> (same selector); the decoded arguments come out.</summary>
    public static bool Is(this RevertReason reason, AbiError error, [NotNullWhen(true)] out AbiTuple? arguments)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(error);
        if (reason is CustomErrorRevert custom && custom.Error.Selector == error.Selector)
        {
            arguments = custom.Arguments;
            return true;
        }

        arguments = null;
        return false;
    }
}
