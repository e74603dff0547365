using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// The filter of <c>eth_getLogs</c>. <see cref="Topics"/> position i constrains topic i: null matches anything, one
/// hash must match exactly, several hashes match any of them. A filter names either a block range or one block hash.
/// </summary>
public sealed record LogFilter
{
    /// <summary>Logs of any of these contracts; empty for any contract.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<Hash256>?> Topics { get; init; } = [];

    public BlockTag? FromBlock { get; init; }

    public BlockTag? ToBlock { get; init; }

    /// <summary>Logs of this block only; excludes <see cref="FromBlock"/> and <see cref="ToBlock"/>.</summary>
    public Hash256? BlockHash { get; init; }

    public static LogFilter ForRange(BlockTag fromBlock, BlockTag toBlock) => new() { FromBlock = fromBlock, ToBlock = toBlock };

    public static LogFilter ForBlock(Hash256 blockHash) => new() { BlockHash = blockHash };

    /// <summary>This filter restricted to logs of <paramref name="addresses"/>.</summary>
    public LogFilter WithAddresses(params Address[] addresses) => this with { Addresses = addresses };

    /// <summary>This filter with topic constraints: per position null (any), or one or several accepted hashes.</summary>
    public LogFilter WithTopics(params Hash256[]?[] topics) => this with { Topics = topics };
}
