using System.Globalization;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// <c>T[k]</c> (fixed length) or <c>T[]</c> (dynamic length). Values are lists of element values: encoding accepts
/// any non-string <see cref="System.Collections.IEnumerable"/>; decoding returns an <see cref="IReadOnlyList{T}"/> of objects.
/// </summary>
public sealed class AbiArrayType : AbiType
{
    /// <summary>Creates <c>element[]</c> when <paramref name="length"/> is null, else <c>element[length]</c>.</summary>
    public AbiArrayType(AbiType element, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (length is < 1)
        {
            throw new AbiException($"{element.CanonicalName}[{length}]: a fixed-size array needs at least one element.");
        }

        Element = element;
        Length = length;
        Depth = element.Depth + 1;
        if (Depth > AbiLimits.MaxDepth)
        {
            throw new AbiException($"Type nests more than {AbiLimits.MaxDepth} arrays and tuples deep.");
        }

        CanonicalName = element.CanonicalName + (length is { } k ? "[" + k.ToString(CultureInfo.InvariantCulture) + "]" : "[]");
        IsDynamic = length is null || element.IsDynamic;
        if (IsDynamic)
        {
            HeadSize = AbiWord.Size;
        }
        else
        {
            var size = (long)element.HeadSize * length!.Value;
            if (size > AbiLimits.MaxStaticSize)
            {
                throw new AbiException($"{CanonicalName}: a static type may take at most {AbiLimits.MaxStaticSize} bytes, this one takes {size}.");
            }

            HeadSize = (int)size;
        }
    }

    public AbiType Element { get; }

    /// <summary>The fixed length, or null for a dynamic array.</summary>
    public int? Length { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic { get; }

    public override int HeadSize { get; }

    internal override int Depth { get; }
}
