using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>The message of <c>eth_call</c> and <c>eth_estimateGas</c>: unset fields are left for the node to fill in.</summary>
public sealed record CallRequest
{
    public Address? From { get; init; }

    /// <summary>Null to simulate a contract creation with <see cref="Input"/> as init code.</summary>
    public Address? To { get; init; }

    public ulong? Gas { get; init; }

    public UInt256? GasPrice { get; init; }

    public UInt256? MaxFeePerGas { get; init; }

    public UInt256? MaxPriorityFeePerGas { get; init; }

    public UInt256? Value { get; init; }

    public ReadOnlyMemory<byte> Input { get; init; }

    public IReadOnlyList<RpcAccessListEntry>? AccessList { get; init; }

    /// <summary>A call of <paramref name="to"/> with <paramref name="input"/> as calldata.</summary>
    public static CallRequest Create(Address to, ReadOnlyMemory<byte> input) => new() { To = to, Input = input };
}
