namespace Obscuro.Contracts.Abi;

/// <summary>Bounds that keep hostile type strings and data from exhausting the stack or memory.</summary>
internal static class AbiLimits
{
    /// <summary>Deepest nesting of arrays and tuples accepted (Solidity itself is far shallower in practice).</summary>
    public const int MaxDepth = 32;

    /// <summary>Largest static type in bytes; also keeps every size computation well inside <see cref="int"/>.</summary>
    public const int MaxStaticSize = 1 << 24;
}
