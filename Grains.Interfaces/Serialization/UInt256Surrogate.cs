using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Serialization;

/// <summary>Wire form of <see cref="UInt256"/>: 32 bytes big-endian.</summary>
[GenerateSerializer]
[Alias("Obscuro.UInt256")]
public readonly record struct UInt256Surrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
public sealed class UInt256Converter : IConverter<UInt256, UInt256Surrogate>
{
    public UInt256 ConvertFromSurrogate(in UInt256Surrogate surrogate) => UInt256.FromBigEndian(surrogate.Bytes);

    public UInt256Surrogate ConvertToSurrogate(in UInt256 value) => new(value.ToBigEndianArray());
}
