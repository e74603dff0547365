using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>Public status of a node for operators, wallets and the devnet's live view.</summary>
[GenerateSerializer]
[Alias("Obscuro.NodeStatus")]
public sealed record NodeStatus(
    [property: Id(0)] string NodeId,
    [property: Id(1)] bool IsAggregator,
    [property: Id(2)] ulong L1Head,
    [property: Id(3)] Hash256 HeadRollup,
    [property: Id(4)] ulong HeadGeneration,
    [property: Id(5)] int PendingTransactions,
    [property: Id(6)] long AdmittedTransactions,
    [property: Id(7)] long IncludedTransactions,
    [property: Id(8)] long RollupsPublished,
    [property: Id(9)] EnclaveStatus? Enclave)
{
    /// <summary>POBI rounds this aggregator won on L1: its own rollup became the canonical one of the generation.</summary>
    [Id(10)]
    public long RoundsWon { get; init; }
}
