using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.State;

namespace Obscuro.Protocol.Execution;

/// <summary>
/// Reads of the hard-coded contracts with Ethereum's ABI, as an <c>eth_call</c> would answer them: <c>balanceOf(address)</c>
/// on wrapped tokens. The enclave answers these only for the caller's own
/// account (see the account grain); this class only computes.
/// </summary>
public static class ReadOnlyCalls
{
    public static readonly uint BalanceOfSelector = Selector("balanceOf(address)");

    /// <summary>The ABI-encoded result, or an error message when the call is not a supported read.</summary>
    public static (byte[]? Result, string? Error) Call(L2State state, in Address to, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(state);
        var token = state.FindToken(to);
        if (token is null) return (null, "no hard-coded contract with readable state at this address");
        if (!AbiWords.TryReadCall(data, BalanceOfSelector, 1, out var args)) return (null, "calldata is not balanceOf(address)");
        if (!AbiWords.TryReadAddress(args, 0, out var holder)) return (null, "holder is not a valid address word");
        return (AbiWords.Word(state.GetTokenBalance(to, holder)), null);
    }

    private static uint Selector(string signature) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(Keccak256.HashToArray(System.Text.Encoding.ASCII.GetBytes(signature)));
}
