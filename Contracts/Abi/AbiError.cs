namespace Obscuro.Contracts.Abi;

/// <summary>A custom error (<c>error Name(T1 a, …)</c>): revert data is its selector followed by the encoded arguments.</summary>
public sealed class AbiError
{
    public AbiError(string name, IReadOnlyList<AbiParameter> inputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        Name = name;
        Inputs = inputs.ToArray();
        Signature = AbiSignature.Format(name, Inputs);
        Selector = FunctionSelector.FromSignature(Signature);
    }

    /// <summary><c>Error(string)</c>: what <c>require(cond, "reason")</c> and <c>revert("reason")</c> produce.</summary>
    public static AbiError ErrorString { get; } = new("Error", [new AbiParameter("message", AbiStringType.Instance)]);

    /// <summary><c>Panic(uint256)</c>: what failed assertions, overflow, division by zero and bad indexes produce.</summary>
    public static AbiError Panic { get; } = new("Panic", [new AbiParameter("code", AbiUIntType.UInt256)]);

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public string Signature { get; }

    public FunctionSelector Selector { get; }

    public static AbiError FromSignature(string signature)
    {
        var (name, parameters) = AbiSignature.Parse(signature);
        return new AbiError(name, parameters);
    }

    public byte[] Encode(params object?[] arguments) => AbiEncoder.EncodeWithSelector(Selector, Inputs, arguments);

    /// <summary>Decodes revert data of this error (the selector must match).</summary>
    public AbiTuple Decode(ReadOnlySpan<byte> revertData)
    {
        if (!FunctionSelector.TryRead(revertData, out var selector) || selector != Selector)
        {
            throw new AbiException($"Revert data does not start with the selector {Selector} of {Signature}.");
        }

        return AbiDecoder.Decode(Inputs, revertData[FunctionSelector.Size..]);
    }

    public override string ToString() => Signature;
}
