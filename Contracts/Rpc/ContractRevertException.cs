using System.Text.Json;
using Obscuro.Contracts.Abi;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// A call or gas estimate reverted (JSON-RPC error 3, "execution reverted", with the revert data). <see cref="Reason"/>
/// is decoded with the ABI given to the call, if any; <see cref="DecodeReason"/> decodes with another.
/// </summary>
public sealed class ContractRevertException : RpcException
{
    public ContractRevertException()
        : this("eth_call", 3, "execution reverted", null, ReadOnlyMemory<byte>.Empty, (ContractAbi?)null)
    {
    }

    public ContractRevertException(string message)
        : base(message)
    {
        Reason = RevertReason.Decode([]);
    }

    public ContractRevertException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = RevertReason.Decode([]);
    }

    public ContractRevertException(string method, int code, string rpcMessage, JsonElement? data, ReadOnlyMemory<byte> revertData, ContractAbi? abi)
        : this(method, code, rpcMessage, data, revertData, RevertReason.Decode(revertData.Span, abi))
    {
    }

    private ContractRevertException(string method, int code, string rpcMessage, JsonElement? data, ReadOnlyMemory<byte> revertData, RevertReason reason)
        : base(method, code, $"{rpcMessage}; reason: {reason}", data)
    {
        RevertData = revertData;
        Reason = reason;
    }

    /// <summary>The raw revert data (selector and ABI-encoded arguments, or empty).</summary>
    public ReadOnlyMemory<byte> RevertData { get; }

    /// <summary>The decoded reason: <c>Error(string)</c>, <c>Panic(uint256)</c>, a custom error, or unrecognized.</summary>
    public RevertReason Reason { get; }

    /// <summary>Decodes the revert data against <paramref name="abi"/>'s custom errors.</summary>
    public RevertReason DecodeReason(ContractAbi abi)
    {
        ArgumentNullException.ThrowIfNull(abi);
        return abi.DecodeRevert(RevertData.Span);
    }
}
