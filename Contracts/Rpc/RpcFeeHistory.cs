using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// <c>eth_feeHistory</c>: base fees of the requested blocks plus the next one, how full they were, and the requested
/// percentiles of priority fees paid in each.
/// </summary>
public sealed record RpcFeeHistory
{
    public required ulong OldestBlock { get; init; }

    /// <summary>One per block, plus the base fee of the block after the newest.</summary>
    public required IReadOnlyList<UInt256> BaseFeePerGas { get; init; }

    public required IReadOnlyList<double> GasUsedRatio { get; init; }

    public IReadOnlyList<UInt256>? BaseFeePerBlobGas { get; init; }

    public IReadOnlyList<double>? BlobGasUsedRatio { get; init; }

    /// <summary>Per block, the priority fee at each requested percentile; null when no percentiles were requested.</summary>
    public IReadOnlyList<IReadOnlyList<UInt256>>? Reward { get; init; }
}
