using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Serialization;

/// <summary>Wire form of <see cref="Hash256"/>: Protocol knows nothing of Orleans, so its types travel as surrogates.</summary>
[GenerateSerializer]
[Alias("Obscuro.Hash256")]
public readonly record struct Hash256Surrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
public sealed class Hash256Converter : IConverter<Hash256, Hash256Surrogate>
{
    public Hash256 ConvertFromSurrogate(in Hash256Surrogate surrogate) => new(surrogate.Bytes);

    public Hash256Surrogate ConvertToSurrogate(in Hash256 value) => new(value.ToArray());
}
