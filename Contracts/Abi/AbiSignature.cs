namespace Obscuro.Contracts.Abi;

/// <summary>Builds and parses canonical signatures: <c>name(T1,…,Tn)</c> with canonical type names and no spaces.</summary>
public static class AbiSignature
{
    public static string Format(string name, IReadOnlyList<AbiParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return name + "(" + string.Join(",", parameters.Select(p => p.Type.CanonicalName)) + ")";
    }

    /// <summary>
    /// Parses <c>name(T1,…,Tn)</c> into the name and unnamed parameters, accepting type aliases such as <c>uint</c>,
    /// so <c>f(uint)</c> and <c>f(uint256)</c> give the same canonical signature.
    /// </summary>
    public static (string Name, IReadOnlyList<AbiParameter> Parameters) Parse(string signature)
    {
        var (name, types) = AbiTypeParser.ParseSignature(signature);
        return (name, types.Select(t => new AbiParameter(string.Empty, t)).ToArray());
    }

    /// <summary>The canonical form of a signature, e.g. <c>f(uint,(int,bool)[])</c> → <c>f(uint256,(int256,bool)[])</c>.</summary>
    public static string Canonicalize(string signature)
    {
        var (name, parameters) = Parse(signature);
        return Format(name, parameters);
    }
}
