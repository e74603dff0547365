using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>A transaction receipt as <c>eth_getTransactionReceipt</c> and <c>eth_getBlockReceipts</c> return it.</summary>
public sealed record RpcReceipt
{
    public required Hash256 TransactionHash { get; init; }

    public required ulong TransactionIndex { get; init; }

    public required Hash256 BlockHash { get; init; }

    public required ulong BlockNumber { get; init; }

    public required Address From { get; init; }

    /// <summary>Null for a contract creation.</summary>
    public Address? To { get; init; }

    public required byte Type { get; init; }

    /// <summary>1 success, 0 failure (reverted or out of gas). Null only on pre-Byzantium receipts, which have <see cref="Root"/>.</summary>
    public byte? Status { get; init; }

    /// <summary>The post-transaction state root of pre-Byzantium receipts.</summary>
    public Hash256? Root { get; init; }

    public required ulong CumulativeGasUsed { get; init; }

    public required ulong GasUsed { get; init; }

    public required UInt256 EffectiveGasPrice { get; init; }

    /// <summary>The created contract's address, for a contract creation.</summary>
    public Address? ContractAddress { get; init; }

    public required IReadOnlyList<RpcLog> Logs { get; init; }

    /// <summary>256 bytes.</summary>
    public required ReadOnlyMemory<byte> LogsBloom { get; init; }

    public ulong? BlobGasUsed { get; init; }

    public UInt256? BlobGasPrice { get; init; }

    public ulong? BlockTimestamp { get; init; }

    public bool Succeeded => Status == 1;
}
