using System.Buffers.Binary;
using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// The first four bytes of <c>keccak256(signature)</c>: what calldata starts with to pick a function, and what revert
/// data starts with to name a custom error.
/// </summary>
public readonly record struct FunctionSelector(uint Value)
{
    public const int Size = 4;

    /// <summary>The selector of a canonical signature such as <c>transfer(address,uint256)</c> (hashed as given).</summary>
    public static FunctionSelector FromSignature(string canonicalSignature)
    {
        ArgumentNullException.ThrowIfNull(canonicalSignature);
        var hash = Keccak256.Hash(Encoding.UTF8.GetBytes(canonicalSignature));
        Span<byte> bytes = stackalloc byte[Hash256.Size];
        hash.CopyTo(bytes);
        return new FunctionSelector(BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    /// <summary>Reads the selector at the start of calldata or revert data, if there are at least four bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out FunctionSelector selector)
    {
        if (data.Length < Size)
        {
            selector = default;
            return false;
        }

        selector = new FunctionSelector(BinaryPrimitives.ReadUInt32BigEndian(data));
        return true;
    }

    public void CopyTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public override string ToString() => "0x" + Value.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
