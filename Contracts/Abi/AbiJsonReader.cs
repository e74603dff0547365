using System.Text.Json;

namespace Obscuro.Contracts.Abi;

/// <summary>Reads solc's ABI JSON: entries with <c>type</c>, <c>name</c>, <c>inputs</c>/<c>outputs</c> and, for structs, <c>components</c>.</summary>
internal static class AbiJsonReader
{
    public static ContractAbi Read(JsonElement abi)
    {
        if (abi.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException($"ABI JSON must be an array of entries, got {abi.ValueKind}.");
        }

        var functions = new List<AbiFunction>();
        var events = new List<AbiEvent>();
        var errors = new List<AbiError>();
        AbiConstructor? constructor = null;
        var hasReceive = false;
        var hasFallback = false;
        var index = 0;
        foreach (var entry in abi.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new AbiException($"ABI entry {index} is not an object.");
            }

            // Entries without a type are functions (the format's default).
            var type = OptionalString(entry, "type") ?? "function";
            var where = $"ABI entry {index} ({type} {OptionalString(entry, "name") ?? string.Empty})";
            var mutability = OptionalString(entry, "stateMutability") ?? "nonpayable";
            switch (type)
            {
                case "function":
                    functions.Add(new AbiFunction(RequiredName(entry, where), Parameters(entry, "inputs", where), Parameters(entry, "outputs", where), mutability));
                    break;
                case "event":
                    var anonymous = entry.TryGetProperty("anonymous", out var flag) && flag.ValueKind == JsonValueKind.True;
                    events.Add(new AbiEvent(RequiredName(entry, where), Parameters(entry, "inputs", where), anonymous));
                    break;
                case "error":
                    errors.Add(new AbiError(RequiredName(entry, where), Parameters(entry, "inputs", where)));
                    break;
                case "constructor":
                    constructor = constructor is null
                        ? new AbiConstructor(Parameters(entry, "inputs", where), mutability)
                        : throw new AbiException($"{where}: the ABI has two constructors.");
                    break;
                case "receive":
                    hasReceive = true;
                    break;
                case "fallback":
                    hasFallback = true;
                    break;
                default:
                    throw new AbiException($"{where}: unknown entry type '{type}'.");
            }

            index++;
        }

        return new ContractAbi(functions, events, errors, constructor, hasReceive, hasFallback);
    }

    private static AbiParameter[] Parameters(JsonElement entry, string property, string where)
    {
        if (!entry.TryGetProperty(property, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException($"{where}: '{property}' is not an array.");
        }

        return list.EnumerateArray().Select((p, i) => Parameter(p, $"{where} {property}[{i}]", depth: 0)).ToArray();
    }

    private static AbiParameter Parameter(JsonElement parameter, string where, int depth)
    {
        if (parameter.ValueKind != JsonValueKind.Object)
        {
            throw new AbiException($"{where}: a parameter must be an object.");
        }

        if (depth > AbiLimits.MaxDepth)
        {
            throw new AbiException($"{where}: components nest deeper than {AbiLimits.MaxDepth}.");
        }

        var typeText = OptionalString(parameter, "type") ?? throw new AbiException($"{where}: the parameter has no 'type'.");
        var name = OptionalString(parameter, "name") ?? string.Empty;
        var indexed = parameter.TryGetProperty("indexed", out var flag) && flag.ValueKind == JsonValueKind.True;
        var internalType = OptionalString(parameter, "internalType");
        AbiType type;
        try
        {
            if (parameter.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
            {
                var tuple = new AbiTupleType(components.EnumerateArray()
                    .Select((c, i) => Parameter(c, $"{where}.components[{i}]", depth + 1))
                    .ToArray());
                type = AbiTypeParser.ParseTupleSuffixes(typeText, tuple);
            }
            else
            {
                type = AbiTypeParser.Parse(typeText);
            }
        }
        catch (AbiException e) when (!e.Message.StartsWith(where, StringComparison.Ordinal))
        {
            throw new AbiException($"{where}: {e.Message}", e);
        }

        return new AbiParameter(name, type, indexed, internalType);
    }

    private static string RequiredName(JsonElement entry, string where)
    {
        var name = OptionalString(entry, "name");
        return !string.IsNullOrEmpty(name) && AbiTypeParser.IsIdentifier(name)
            ? name
            : throw new AbiException($"{where}: missing or invalid 'name'.");
    }

    private static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
