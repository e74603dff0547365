namespace Obscuro.Contracts.Abi;

/// <summary>A contract's constructor: deployment data is the creation bytecode followed by the encoded arguments.</summary>
public sealed class AbiConstructor
{
    public AbiConstructor(IReadOnlyList<AbiParameter> inputs, string stateMutability = "nonpayable")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Inputs = inputs.ToArray();
        StateMutability = stateMutability;
    }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public string StateMutability { get; }

    public byte[] EncodeDeployment(ReadOnlySpan<byte> creationBytecode, params object?[] arguments)
    {
        var encoded = AbiEncoder.Encode(Inputs, arguments);
        var data = new byte[creationBytecode.Length + encoded.Length];
        creationBytecode.CopyTo(data);
        encoded.CopyTo(data.AsSpan(creationBytecode.Length));
        return data;
    }
}
