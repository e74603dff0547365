using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// RollupManagement <c>RollupPublished</c>. The log's block number (<see cref="LogOrigin.BlockNumber"/>) is the rollup's
/// <c>publishedAt</c>; the rest of the header and the blob are in the calldata of <see cref="LogOrigin.TransactionHash"/>
/// (<see cref="RollupManagementContract.DecodePublishRollupCall"/>). With both, a node rebuilds the tree from L1 alone.
/// </summary>
public sealed record RollupPublishedEvent(
    Hash256 RollupHash,
    Hash256 ParentHash,
    Address Aggregator,
    ulong Generation,
    UInt256 Nonce,
    Hash256 BlobHash,
    IReadOnlyList<Withdrawal> Withdrawals,
    LogOrigin Origin) : IContractEvent;
