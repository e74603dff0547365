using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>What the enclave concluded about one published rollup in an ingested block (public facts and the reason).</summary>
[GenerateSerializer]
[Alias("Obscuro.RollupStandingReport")]
public sealed record RollupStandingReport(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] ulong Generation,
    [property: Id(2)] string Standing,
    [property: Id(3)] string? Reason);
