using System.Globalization;

namespace Obscuro.Contracts.Abi;

/// <summary><c>uintN</c>, N a multiple of 8 from 8 to 256. Values are <see cref="Protocol.Ethereum.UInt256"/>.</summary>
public sealed class AbiUIntType : AbiType
{
    public static readonly AbiUIntType UInt256 = new(256);

    public AbiUIntType(int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new AbiException($"uint{bits}: the width must be a multiple of 8 from 8 to 256.");
        }

        Bits = bits;
        CanonicalName = "uint" + bits.ToString(CultureInfo.InvariantCulture);
    }

    public int Bits { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    public override int HeadSize => AbiWord.Size;

    internal override int Depth => 0;
}

/// <summary><c>intN</c>, N a multiple of 8 from 8 to 256, two's complement. Values are <see cref="System.Numerics.BigInteger"/>.</summary>
public sealed class AbiIntType : AbiType
{
    public static readonly AbiIntType Int256 = new(256);

    public AbiIntType(int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new AbiException($"int{bits}: the width must be a multiple of 8 from 8 to 256.");
        }

        Bits = bits;
        CanonicalName = "int" + bits.ToString(CultureInfo.InvariantCulture);
    }

    public int Bits { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    public override int HeadSize => AbiWord.Size;

    internal override int Depth => 0;
}

/// <summary><c>address</c>: 20 bytes, left-padded with zeros. Values are <see cref="Protocol.Ethereum.Address"/>.</summary>
public sealed class AbiAddressType : AbiType
{
    public static readonly AbiAddressType Instance = new();

    private AbiAddressType()
    {
    }

    public override string CanonicalName => "address";

    public override bool IsDynamic => false;

    public override int HeadSize => AbiWord.Size;

    internal override int Depth => 0;
}

/// <summary><c>bool</c>: one word that is exactly 0 or 1. Values are <see cref="bool"/>.</summary>
public sealed class AbiBoolType : AbiType
{
    public static readonly AbiBoolType Instance = new();

    private AbiBoolType()
    {
    }

    public override string CanonicalName => "bool";

    public override bool IsDynamic => false;

    public override int HeadSize => AbiWord.Size;

    internal override int Depth => 0;
}

/// <summary><c>bytesN</c>, N from 1 to 32, right-padded with zeros. Values are <see cref="byte"/> arrays of length N.</summary>
public sealed class AbiFixedBytesType : AbiType
{
    public AbiFixedBytesType(int size)
    {
        if (size is < 1 or > 32)
        {
            throw new AbiException($"bytes{size}: the size must be from 1 to 32.");
        }

        Size = size;
        CanonicalName = "bytes" + size.ToString(CultureInfo.InvariantCulture);
    }

    public int Size { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    public override int HeadSize => AbiWord.Size;

    internal override int Depth => 0;
}

/// <summary><c>bytes</c>: a length word, then the bytes right-padded to whole words. Values are <see cref="byte"/> arrays.</summary>
public sealed class AbiBytesType : AbiType
{
    public static readonly AbiBytesType Instance = new();

    private AbiBytesType()
    {
    }

    public override string CanonicalName => "bytes";

    public override bool IsDynamic => true;

    public override int HeadSize => AbiWord.Size;

    internal override int Depth => 0;
}

/// <summary><c>string</c>: encoded as <c>bytes</c> holding UTF-8. Values are <see cref="string"/>.</summary>
public sealed class AbiStringType : AbiType
{
    public static readonly AbiStringType Instance = new();

    private AbiStringType()
    {
    }

    public override string CanonicalName => "string";

    public override bool IsDynamic => true;

    public override int HeadSize => AbiWord.Size;

    internal override int Depth => 0;
}
