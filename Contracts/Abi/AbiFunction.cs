namespace Obscuro.Contracts.Abi;

/// <summary>A contract function: its selector, how to encode a call and how to decode what it returns.</summary>
public sealed class AbiFunction
{
    public AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs, string stateMutability = "nonpayable")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        Name = name;
        Inputs = inputs.ToArray();
        Outputs = outputs.ToArray();
        StateMutability = stateMutability;
        Signature = AbiSignature.Format(name, Inputs);
        Selector = FunctionSelector.FromSignature(Signature);
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary><c>pure</c>, <c>view</c>, <c>nonpayable</c> or <c>payable</c>.</summary>
    public string StateMutability { get; }

    /// <summary>The canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature { get; }

    public FunctionSelector Selector { get; }

    /// <summary>A function known only by its signature, e.g. <c>baz(uint32,bool)</c>; it has no declared outputs.</summary>
    public static AbiFunction FromSignature(string signature)
    {
        var (name, parameters) = AbiSignature.Parse(signature);
        return new AbiFunction(name, parameters, []);
    }

    /// <summary>
    /// Calldata: the selector followed by the encoded arguments. A lone array argument must be wrapped
    /// (<c>EncodeCall([values])</c> or <c>EncodeCall((object)values)</c>), or C# spreads it over the parameters.
    /// </summary>
    public byte[] EncodeCall(params object?[] arguments) => AbiEncoder.EncodeWithSelector(Selector, Inputs, arguments);

    /// <summary>Decodes calldata of a call to this function (the selector must match).</summary>
    public AbiTuple DecodeCall(ReadOnlySpan<byte> calldata)
    {
        if (!FunctionSelector.TryRead(calldata, out var selector) || selector != Selector)
        {
            throw new AbiException($"Calldata does not start with the selector {Selector} of {Signature}.");
        }

        return AbiDecoder.Decode(Inputs, calldata[FunctionSelector.Size..]);
    }

    /// <summary>Decodes the function's return data.</summary>
    public AbiTuple DecodeOutput(ReadOnlySpan<byte> returnData) => AbiDecoder.Decode(Outputs, returnData);

    /// <summary>Encodes return data, as the contract would (useful for tests and fakes).</summary>
    public byte[] EncodeOutput(params object?[] values) => AbiEncoder.Encode(Outputs, values);

    public override string ToString() => Signature;
}
