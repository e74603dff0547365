using System.Text;
using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>Conversions from the decoder's C# values (see <see cref="AbiDecoder"/>) to the bindings' typed values.</summary>
internal static class AbiValues
{
    public static Hash256 Hash(this AbiTuple tuple, int index) => ToHash(tuple[index]);

    public static Hash256 Hash(this AbiTuple tuple, string name) => ToHash(tuple[name]);

    public static Address Address(this AbiTuple tuple, int index) => tuple.Get<Address>(index);

    public static Address Address(this AbiTuple tuple, string name) => tuple.Get<Address>(name);

    public static UInt256 UInt(this AbiTuple tuple, int index) => tuple.Get<UInt256>(index);

    public static UInt256 UInt(this AbiTuple tuple, string name) => tuple.Get<UInt256>(name);

    /// <summary>A value the contract stores in at most 64 bits (block numbers, generations, counts).</summary>
    public static ulong ULong(this AbiTuple tuple, int index) => tuple.Get<UInt256>(index).ToUInt64();

    public static ulong ULong(this AbiTuple tuple, string name) => tuple.Get<UInt256>(name).ToUInt64();

    public static bool Bool(this AbiTuple tuple, int index) => tuple.Get<bool>(index);

    public static bool Bool(this AbiTuple tuple, string name) => tuple.Get<bool>(name);

    public static byte[] Bytes(this AbiTuple tuple, int index) => tuple.Get<byte[]>(index);

    public static byte[] Bytes(this AbiTuple tuple, string name) => tuple.Get<byte[]>(name);

    public static string String(this AbiTuple tuple, int index) => tuple.Get<string>(index);

    public static string String(this AbiTuple tuple, string name) => tuple.Get<string>(name);

    /// <summary>A uint8 enum value, range-checked against the C# enum so an unknown value fails loudly.</summary>
    public static TEnum Enum<TEnum>(this AbiTuple tuple, int index)
        where TEnum : struct, System.Enum => ToEnum<TEnum>(tuple.Get<UInt256>(index));

    public static TEnum Enum<TEnum>(this AbiTuple tuple, string name)
        where TEnum : struct, System.Enum => ToEnum<TEnum>(tuple.Get<UInt256>(name));

    public static IReadOnlyList<object> List(this AbiTuple tuple, int index) => tuple.Get<IReadOnlyList<object>>(index);

    public static IReadOnlyList<object> List(this AbiTuple tuple, string name) => tuple.Get<IReadOnlyList<object>>(name);

    public static Hash256 ToHash(object value) => value switch
    {
        Hash256 hash => hash,
        byte[] { Length: Hash256.Size } bytes => new Hash256(bytes),
        _ => throw new AbiException($"Expected a bytes32 value, got {value?.GetType().Name ?? "null"}."),
    };

    /// <summary>A right-padded ASCII name in a bytes32 (how the contracts name parameters), without the padding.</summary>
    public static string PaddedAscii(in Hash256 word)
    {
        var bytes = word.ToArray();
        var length = Array.IndexOf(bytes, (byte)0);
        return Encoding.ASCII.GetString(bytes, 0, length < 0 ? bytes.Length : length);
    }

    private static TEnum ToEnum<TEnum>(UInt256 value)
        where TEnum : struct, System.Enum
    {
        if (value.FitsInUInt64 && value.ToUInt64() <= byte.MaxValue)
        {
            var candidate = (TEnum)System.Enum.ToObject(typeof(TEnum), (byte)value.ToUInt64());
            if (System.Enum.IsDefined(candidate))
            {
                return candidate;
            }
        }

        throw new AbiException($"{value} is not a value of {typeof(TEnum).Name}.");
    }
}
