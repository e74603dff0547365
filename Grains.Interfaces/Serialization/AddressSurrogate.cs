using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Serialization;

/// <summary>Wire form of <see cref="Address"/>.</summary>
[GenerateSerializer]
[Alias("Obscuro.Address")]
public readonly record struct AddressSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
public sealed class AddressConverter : IConverter<Address, AddressSurrogate>
{
    public Address ConvertFromSurrogate(in AddressSurrogate surrogate) => new(surrogate.Bytes);

    public AddressSurrogate ConvertToSurrogate(in Address value) => new(value.ToArray());
}
