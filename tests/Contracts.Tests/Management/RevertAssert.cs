using System.Globalization;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>Assertions on decoded custom errors: the error itself and each argument, by value.</summary>
public static class RevertAssert
{
    /// <summary>Runs <paramref name="action"/>, which must revert with <paramref name="error"/>; returns the decoded arguments.</summary>
    public static async Task<AbiTuple> ThrowsAsync(AbiError error, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(error);
        var exception = await Assert.ThrowsAsync<ContractRevertException>(action);
        Assert.True(exception.Is(error, out var arguments), $"Expected the revert {error.Signature}, got {exception.Reason}.");
        return arguments;
    }

    /// <summary>
    /// Compares arguments by value: integers of any C# type with uint values, 32-byte arrays with bytes32 hashes, enums
    /// with their numbers.
    /// </summary>
    public static void ArgumentsEqual(AbiError error, IReadOnlyList<object?> expected, AbiTuple actual)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.True(expected.Count == actual.Count, $"{error.Name} has {actual.Count} arguments, the test expects {expected.Count}.");
        for (var i = 0; i < expected.Count; i++)
        {
            var name = error.Inputs[i].Name;
            Assert.True(
                Normalize(expected[i]) == Normalize(actual[i]),
                $"{error.Name} argument '{name}': expected {Normalize(expected[i])}, got {Normalize(actual[i])}.");
        }
    }

    private static string Normalize(object? value) => value switch
    {
        null => "null",
        byte[] { Length: Hash256.Size } word => new Hash256(word).ToString(),
        byte[] bytes => Hex.Encode(bytes),
        Hash256 hash => hash.ToString(),
        Address address => address.ToString(),
        UInt256 number => number.ToString(),
        bool flag => flag ? "true" : "false",
        Enum e => new UInt256(Convert.ToUInt64(e, CultureInfo.InvariantCulture)).ToString(),
        int or long or uint or ulong or byte => new UInt256(Convert.ToUInt64(value, CultureInfo.InvariantCulture)).ToString(),
        _ => value.ToString() ?? string.Empty,
    };
}
