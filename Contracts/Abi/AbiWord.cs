namespace Obscuro.Contracts.Abi;

/// <summary>The 32-byte word every ABI value is built from.</summary>
internal static class AbiWord
{
    public const int Size = 32;

    /// <summary>The size of <paramref name="length"/> bytes rounded up to whole words.</summary>
    public static long PaddedLength(long length) => (length + Size - 1) / Size * Size;
}
