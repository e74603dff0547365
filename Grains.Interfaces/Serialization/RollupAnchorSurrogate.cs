using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Grains.Serialization;

/// <summary>Wire form of <see cref="RollupAnchor"/>: the L1-included rollup an account's data is based on.</summary>
[GenerateSerializer]
[Alias("Obscuro.RollupAnchor")]
public readonly record struct RollupAnchorSurrogate(
    [property: Id(0)] Hash256 RollupHash,
    [property: Id(1)] ulong Generation,
    [property: Id(2)] ulong L1BlockNumber,
    [property: Id(3)] Hash256 L1BlockHash);

[RegisterConverter]
public sealed class RollupAnchorConverter : IConverter<RollupAnchor, RollupAnchorSurrogate>
{
    public RollupAnchor ConvertFromSurrogate(in RollupAnchorSurrogate surrogate) =>
        new(surrogate.RollupHash, surrogate.Generation, surrogate.L1BlockNumber, surrogate.L1BlockHash);

    public RollupAnchorSurrogate ConvertToSurrogate(in RollupAnchor value) =>
        new(value.RollupHash, value.Generation, value.L1BlockNumber, value.L1BlockHash);
}
