namespace Obscuro.Contracts.Abi;

/// <summary>
/// A Solidity ABI type. Instances are immutable; two types are equal when their canonical names are equal (tuple
/// component names do not take part, as they do not in selectors or encodings).
/// </summary>
public abstract class AbiType : IEquatable<AbiType>
{
    private protected AbiType()
    {
    }

    /// <summary>The canonical form used in signatures: <c>uint256</c> not <c>uint</c>, tuples as <c>(T1,T2)</c>.</summary>
    public abstract string CanonicalName { get; }

    /// <summary>Dynamic types are encoded out of line, behind an offset in the head.</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>Bytes this type takes in the head of an enclosing tuple: 32 for a dynamic type, its whole size otherwise.</summary>
    public abstract int HeadSize { get; }

    /// <summary>How deeply arrays and tuples nest inside this type (0 for an elementary type).</summary>
    internal abstract int Depth { get; }

    /// <summary>Parses a type string such as <c>uint256</c>, <c>bytes32[2][]</c> or <c>(address,(string,uint8)[])</c>.</summary>
    public static AbiType Parse(string text) => AbiTypeParser.Parse(text);

    public bool Equals(AbiType? other) => other is not null && CanonicalName == other.CanonicalName;

    public override bool Equals(object? obj) => obj is AbiType other && Equals(other);

    public override int GetHashCode() => CanonicalName.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => CanonicalName;

    public static bool operator ==(AbiType? left, AbiType? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(AbiType? left, AbiType? right) => !(left == right);
}
