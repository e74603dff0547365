using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// A block as <c>eth_getBlockBy…</c> returns it with full transactions. The header fields are listed in the order the
/// header is RLP-encoded for its hash; those a fork introduced are null on blocks (or chains) before that fork, and a
/// header must be hashed with exactly the fields present. Fields come from an untrusted host: the enclave recomputes
/// the hash and the roots before relying on any of them.
/// </summary>
public sealed record RpcBlock
{
    public required Hash256 Hash { get; init; }

    public required Hash256 ParentHash { get; init; }

    public required Hash256 Sha3Uncles { get; init; }

    public required Address Miner { get; init; }

    public required Hash256 StateRoot { get; init; }

    public required Hash256 TransactionsRoot { get; init; }

    public required Hash256 ReceiptsRoot { get; init; }

    /// <summary>256 bytes.</summary>
    public required ReadOnlyMemory<byte> LogsBloom { get; init; }

    public required UInt256 Difficulty { get; init; }

    public required ulong Number { get; init; }

    public required ulong GasLimit { get; init; }

    public required ulong GasUsed { get; init; }

    public required ulong Timestamp { get; init; }

    public required ReadOnlyMemory<byte> ExtraData { get; init; }

    /// <summary>Since the merge this holds prevRandao.</summary>
    public required Hash256 MixHash { get; init; }

    /// <summary>8 bytes (zero since the merge).</summary>
    public required ReadOnlyMemory<byte> Nonce { get; init; }

    /// <summary>London (EIP-1559).</summary>
    public UInt256? BaseFeePerGas { get; init; }

    /// <summary>Shanghai (EIP-4895).</summary>
    public Hash256? WithdrawalsRoot { get; init; }

    /// <summary>Cancun (EIP-4844).</summary>
    public ulong? BlobGasUsed { get; init; }

    /// <summary>Cancun (EIP-4844).</summary>
    public ulong? ExcessBlobGas { get; init; }

    /// <summary>Cancun (EIP-4788).</summary>
    public Hash256? ParentBeaconBlockRoot { get; init; }

    /// <summary>Prague (EIP-7685).</summary>
    public Hash256? RequestsHash { get; init; }

    /// <summary>Not part of the header; some nodes still report it.</summary>
    public UInt256? TotalDifficulty { get; init; }

    /// <summary>The block's RLP size in bytes, as the node reports it.</summary>
    public ulong? Size { get; init; }

    public required IReadOnlyList<Hash256> Uncles { get; init; }

    public required IReadOnlyList<RpcTransaction> Transactions { get; init; }

    /// <summary>Shanghai: the beacon-chain withdrawals this block credits; null before Shanghai.</summary>
    public IReadOnlyList<RpcWithdrawal>? Withdrawals { get; init; }
}
