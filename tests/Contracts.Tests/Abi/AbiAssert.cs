using System.Numerics;
using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Abi;

/// <summary>Structural equality of ABI values: byte arrays by content, integers by value, lists and tuples element by element.</summary>
internal static class AbiAssert
{
    public static void Equivalent(object? expected, object? actual, string path = "value")
    {
        switch (expected)
        {
            case null:
                Assert.Null(actual);
                break;
            case byte[] bytes:
                Assert.True(actual is byte[], $"{path}: expected byte[], got {actual?.GetType().Name}");
                Assert.Equal(Hex.Encode(bytes), Hex.Encode((byte[])actual!));
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger or UInt256 when actual is UInt256 or BigInteger:
                Assert.True(ToBigInteger(expected) == ToBigInteger(actual), $"{path}: expected {expected}, got {actual}");
                break;
            case AbiTuple or object[] or IReadOnlyList<object>:
            {
                var expectedItems = ((System.Collections.IEnumerable)expected).Cast<object?>().ToArray();
                Assert.True(actual is System.Collections.IEnumerable and not string, $"{path}: expected a list, got {actual?.GetType().Name}");
                var actualItems = ((System.Collections.IEnumerable)actual!).Cast<object?>().ToArray();
                Assert.True(expectedItems.Length == actualItems.Length, $"{path}: expected {expectedItems.Length} elements, got {actualItems.Length}");
                for (var i = 0; i < expectedItems.Length; i++)
                {
                    Equivalent(expectedItems[i], actualItems[i], $"{path}[{i}]");
                }

                break;
            }

            default:
                Assert.Equal(expected, actual);
                break;
        }
    }

    private static BigInteger ToBigInteger(object value) => value switch
    {
        UInt256 u => u.ToBigInteger(),
        BigInteger b => b,
        ulong l => l,
        _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
