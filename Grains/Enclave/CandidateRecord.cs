using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>A candidate this enclave produced (one per parent) and the transactions it includes.</summary>
[GenerateSerializer]
[Alias("Obscuro.CandidateRecord")]
public sealed record CandidateRecord([property: Id(0)] RollupEnvelope Rollup, [property: Id(1)] IReadOnlyList<Hash256> Transactions);
