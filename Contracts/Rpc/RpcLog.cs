using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>A log (event) as receipts and <c>eth_getLogs</c> return it; decode it with <see cref="RpcLogExtensions"/>.</summary>
public sealed record RpcLog
{
    public required Address Address { get; init; }

    public required IReadOnlyList<Hash256> Topics { get; init; }

    public required ReadOnlyMemory<byte> Data { get; init; }

    public Hash256? BlockHash { get; init; }

    public ulong? BlockNumber { get; init; }

    public ulong? BlockTimestamp { get; init; }

    public Hash256? TransactionHash { get; init; }

    public ulong? TransactionIndex { get; init; }

    /// <summary>The log's position in its block.</summary>
    public ulong? LogIndex { get; init; }

    /// <summary>True when a reorg removed the block that held the log (only for subscriptions and filters).</summary>
    public bool Removed { get; init; }
}
