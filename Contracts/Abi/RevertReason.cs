using System.Globalization;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// Why a call reverted, decoded from its revert data: <see cref="ErrorMessageRevert"/> (<c>Error(string)</c>),
/// <see cref="PanicRevert"/> (<c>Panic(uint256)</c>), <see cref="CustomErrorRevert"/> (an error in a contract's ABI),
/// or <see cref="UnrecognizedRevert"/> (empty, unknown selector or malformed). Decoding never throws: revert data is
/// produced by arbitrary contracts, and a bad reason must not hide the revert itself.
/// </summary>
public abstract record RevertReason(ReadOnlyMemory<byte> Data)
{
    /// <summary>Decodes revert data, recognising <c>Error(string)</c>, <c>Panic(uint256)</c> and the errors of <paramref name="abi"/>.</summary>
    public static RevertReason Decode(ReadOnlySpan<byte> data, ContractAbi? abi = null)
    {
        var copy = data.ToArray();
        if (!FunctionSelector.TryRead(data, out var selector))
        {
            return new UnrecognizedRevert(copy, data.IsEmpty ? "no revert data (revert() or require without a reason)" : "revert data shorter than a selector");
        }

        var error = selector == AbiError.ErrorString.Selector ? AbiError.ErrorString
            : selector == AbiError.Panic.Selector ? AbiError.Panic
            : abi?.FindError(selector);
        if (error is null)
        {
            return new UnrecognizedRevert(copy, $"no known error has the selector {selector}");
        }

        AbiTuple arguments;
        try
        {
            arguments = error.Decode(data);
        }
        catch (AbiException e)
        {
            return new UnrecognizedRevert(copy, $"revert data has the selector of {error.Signature} but is malformed: {e.Message}");
        }

        if (ReferenceEquals(error, AbiError.ErrorString))
        {
            return new ErrorMessageRevert(copy, arguments.Get<string>(0));
        }

        return ReferenceEquals(error, AbiError.Panic)
            ? new PanicRevert(copy, arguments.Get<UInt256>(0))
            : new CustomErrorRevert(copy, error, arguments);
    }
}

/// <summary><c>require(false, message)</c> or <c>revert(message)</c>.</summary>
public sealed record ErrorMessageRevert(ReadOnlyMemory<byte> Data, string Message) : RevertReason(Data)
{
    public override string ToString() => $"Error(\"{Message}\")";
}

/// <summary>A Solidity panic: a failed assert, overflow, division by zero, bad index and the like.</summary>
public sealed record PanicRevert(ReadOnlyMemory<byte> Data, UInt256 Code) : RevertReason(Data)
{
    public string Description => PanicCodes.Describe(Code);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Panic({Code.ToHexQuantity()}): {Description}");
}

/// <summary>A custom error from the contract's ABI, with its decoded arguments.</summary>
public sealed record CustomErrorRevert(ReadOnlyMemory<byte> Data, AbiError Error, AbiTuple Arguments) : RevertReason(Data)
{
    public override string ToString() => Error.Name + Arguments;
}

/// <summary>Revert data that could not be attributed to a known error; <paramref name="Problem"/> says why.</summary>
public sealed record UnrecognizedRevert(ReadOnlyMemory<byte> Data, string Problem) : RevertReason(Data)
{
    public override string ToString() => $"{Problem} (data {Hex.Encode(Data.Span)})";
}
