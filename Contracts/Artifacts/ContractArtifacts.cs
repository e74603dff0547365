using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Artifacts;

/// <summary>
/// The compiled contracts of Contracts/Solidity, embedded in this assembly by the build (Contracts/build). The
/// artifact is produced by the pinned solc 0.8.37 with the optimizer on (200 runs) for the Prague EVM.
/// </summary>
public sealed class ContractArtifacts
{
    private const string ResourceName = "Obscuro.Contracts.contracts.json";
    private static readonly Lazy<ContractArtifacts> EmbeddedArtifacts = new(LoadEmbedded);
    private readonly Dictionary<string, ContractArtifact> _byName;

    private ContractArtifacts(string compilerVersion, string evmVersion, Dictionary<string, ContractArtifact> byName)
    {
        CompilerVersion = compilerVersion;
        EvmVersion = evmVersion;
        _byName = byName;
    }

    /// <summary>The contracts compiled into this assembly.</summary>
    public static ContractArtifacts Embedded => EmbeddedArtifacts.Value;

    public string CompilerVersion { get; }

    public string EvmVersion { get; }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The contract named <paramref name="name"/> (contract names are unique across all sources).</summary>
    public ContractArtifact Get(string name) =>
        _byName.TryGetValue(name, out var artifact)
            ? artifact
            : throw new KeyNotFoundException($"No compiled contract is named '{name}'. Known: {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}.");

    public bool TryGet(string name, [MaybeNullWhen(false)] out ContractArtifact artifact) => _byName.TryGetValue(name, out artifact);

    /// <summary>Reads an artifact file written by Contracts/build/compile-solidity.js.</summary>
    public static ContractArtifacts Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var byName = new Dictionary<string, ContractArtifact>(StringComparer.Ordinal);
        foreach (var contract in root.GetProperty("contracts").EnumerateObject())
        {
            var value = contract.Value;
            var unlinked = value.TryGetProperty("linkReferences", out var links) && links.ValueKind == JsonValueKind.Object
                ? links.EnumerateObject().SelectMany(file => file.Value.EnumerateObject().Select(library => file.Name + ":" + library.Name)).ToArray()
                : [];
            byName.Add(contract.Name, new ContractArtifact(
                contract.Name,
                value.GetProperty("source").GetString()!,
                value.GetProperty("abi").Clone(),
                DecodeBytecode(value, "bytecode", unlinked.Length > 0),
                DecodeBytecode(value, "deployedBytecode", unlinked.Length > 0),
                unlinked));
        }

        return new ContractArtifacts(
            root.GetProperty("compiler").GetString()!,
            root.GetProperty("evmVersion").GetString()!,
            byName);
    }

    private static byte[] DecodeBytecode(JsonElement contract, string property, bool needsLinking)
    {
        // Unlinked bytecode holds __$…$__ placeholders, which are not hex; it is refused when used, not when loaded.
        var text = contract.GetProperty(property).GetString() ?? string.Empty;
        return needsLinking ? [] : Hex.Decode(text);
    }

    private static ContractArtifacts LoadEmbedded()
    {
        using var stream = typeof(ContractArtifacts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The compiled contracts ({ResourceName}) are not embedded in {typeof(ContractArtifacts).Assembly.GetName().Name}; the Solidity build step did not run.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
