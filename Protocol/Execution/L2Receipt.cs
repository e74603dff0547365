using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>The result of one included transaction. Released to its owner only once the rollup is in an L1 block.</summary>
public sealed record L2Receipt(
    Hash256 TransactionHash,
    Address Sender,
    ulong Nonce,
    TransactionStatus Status,
    UInt256 FeePaid,
    IReadOnlyList<L2Log> Logs,
    string? FailureReason);
