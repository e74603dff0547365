using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Transactions;

/// <summary>
/// A signed L2 transaction after admission: decoded, its sender recovered and its static rules checked. Execution and
/// rollup building work on this; <see cref="Raw"/> is the signed EIP-1559 encoding that goes into the rollup blob.
/// </summary>
public sealed record L2Transaction(
    Hash256 Hash,
    Address Sender,
    ulong Nonce,
    Address To,
    UInt256 Value,
    byte[] Data,
    ulong GasLimit,
    UInt256 MaxFeePerGas,
    byte[] Raw);
