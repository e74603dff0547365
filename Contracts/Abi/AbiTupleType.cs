namespace Obscuro.Contracts.Abi;

/// <summary>
/// A tuple <c>(T1,…,Tn)</c>: a Solidity struct, or the parameter list of a function, event or error. Values are
/// <see cref="AbiTuple"/> when decoded; encoding also accepts any list of the component values in order.
/// </summary>
public sealed class AbiTupleType : AbiType
{
    public AbiTupleType(IReadOnlyList<AbiParameter> components)
        : this(components, allowEmpty: false)
    {
    }

    private AbiTupleType(IReadOnlyList<AbiParameter> components, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(components);

        // An empty tuple encodes to zero bytes; inside an array that would let a few bytes of data claim any number
        // of elements. Solidity has no empty structs, so only a parameter list may be empty.
        if (components.Count == 0 && !allowEmpty)
        {
            throw new AbiException("A tuple type needs at least one component.");
        }

        Components = components.ToArray();
        var depth = 0;
        var dynamic = false;
        long size = 0;
        foreach (var component in Components)
        {
            depth = Math.Max(depth, component.Type.Depth);
            dynamic |= component.Type.IsDynamic;
            size += component.Type.HeadSize;
        }

        Depth = depth + 1;
        if (Depth > AbiLimits.MaxDepth)
        {
            throw new AbiException($"Type nests more than {AbiLimits.MaxDepth} arrays and tuples deep.");
        }

        if (size > AbiLimits.MaxStaticSize)
        {
            throw new AbiException($"A tuple's head may take at most {AbiLimits.MaxStaticSize} bytes, this one takes {size}.");
        }

        IsDynamic = dynamic;
        HeadSize = dynamic ? AbiWord.Size : (int)size;
        TotalHeadSize = (int)size;
        CanonicalName = "(" + string.Join(",", Components.Select(c => c.Type.CanonicalName)) + ")";
    }

    public IReadOnlyList<AbiParameter> Components { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic { get; }

    public override int HeadSize { get; }

    /// <summary>The size of the tuple's own head (the sum of its components' head sizes), dynamic or not.</summary>
    internal int TotalHeadSize { get; }

    internal override int Depth { get; }

    /// <summary>The tuple of a parameter list, which unlike a struct may be empty.</summary>
    public static AbiTupleType ForParameters(IReadOnlyList<AbiParameter> parameters) => new(parameters, allowEmpty: true);

    /// <summary>A tuple of unnamed components.</summary>
    public static AbiTupleType Of(params AbiType[] types) =>
        new(types.Select(t => new AbiParameter(string.Empty, t)).ToArray(), allowEmpty: true);
}
