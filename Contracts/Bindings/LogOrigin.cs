using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// Where a decoded event came from: the emitting contract and the log's place on L1. The block number of a
/// <see cref="RollupPublishedEvent"/> is the rollup's <c>publishedAt</c>; the transaction hash finds its calldata.
/// </summary>
public readonly record struct LogOrigin(Address Contract, ulong? BlockNumber, Hash256? BlockHash, Hash256? TransactionHash, ulong? LogIndex)
{
    public static LogOrigin Of(RpcLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new LogOrigin(log.Address, log.BlockNumber, log.BlockHash, log.TransactionHash, log.LogIndex);
    }
}
