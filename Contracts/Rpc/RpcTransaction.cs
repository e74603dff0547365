using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// A transaction as the node returns it inside a block or from <c>eth_getTransactionByHash</c>. Which fee and list
/// fields are set depends on <see cref="Type"/>: 0 legacy, 1 access list (EIP-2930), 2 dynamic fee (EIP-1559),
/// 3 blob (EIP-4844), 4 set-code (EIP-7702).
/// </summary>
public sealed record RpcTransaction
{
    public required Hash256 Hash { get; init; }

    public required byte Type { get; init; }

    /// <summary>Null only for legacy transactions without replay protection (pre EIP-155).</summary>
    public ulong? ChainId { get; init; }

    public required ulong Nonce { get; init; }

    /// <summary>The sender, as recovered by the node.</summary>
    public required Address From { get; init; }

    /// <summary>Null for a contract creation.</summary>
    public Address? To { get; init; }

    public required UInt256 Value { get; init; }

    public required ulong Gas { get; init; }

    /// <summary>Legacy and access-list transactions: the gas price; in a mined typed transaction, nodes put the effective price here.</summary>
    public UInt256? GasPrice { get; init; }

    public UInt256? MaxFeePerGas { get; init; }

    public UInt256? MaxPriorityFeePerGas { get; init; }

    public UInt256? MaxFeePerBlobGas { get; init; }

    public required ReadOnlyMemory<byte> Input { get; init; }

    public IReadOnlyList<RpcAccessListEntry>? AccessList { get; init; }

    public IReadOnlyList<Hash256>? BlobVersionedHashes { get; init; }

    public IReadOnlyList<RpcAuthorization>? AuthorizationList { get; init; }

    /// <summary>Legacy: 27/28 or <c>chainId * 2 + 35/36</c>; typed: equals <see cref="YParity"/> where nodes still send it.</summary>
    public UInt256? V { get; init; }

    public required UInt256 R { get; init; }

    public required UInt256 S { get; init; }

    public byte? YParity { get; init; }

    /// <summary>Null while the transaction is pending.</summary>
    public Hash256? BlockHash { get; init; }

    public ulong? BlockNumber { get; init; }

    public ulong? TransactionIndex { get; init; }

    public ulong? BlockTimestamp { get; init; }
}
